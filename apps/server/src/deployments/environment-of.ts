import { interpolate, type EnvironmentSpec } from '@ritmo/pipeline';
import type { Build } from '@ritmo/store';
import { expressionContextOf } from '../orchestration/expression-context-of.js';

/** A job's `environment:` with its name and url evaluated as the server can (trigger, inputs, literal env); the text itself when that fails. */
export function environmentOf(build: Build, projectName: string, spec: EnvironmentSpec): { name: string; url: string | null } {
  const ctx = expressionContextOf(build, projectName);
  const evaluate = (template: string): string => {
    try {
      return interpolate(template, ctx);
    } catch {
      return template;
    }
  };
  return { name: evaluate(spec.name), url: spec.url === undefined ? null : evaluate(spec.url) };
}
