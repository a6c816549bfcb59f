import { parseDuration } from '@ritmo/shared';
import type { PlanStep } from '../plan.js';
import type { JobInput } from '../schema/pipeline-schema.js';
import { compact, mapValues, scalarText, type CompileContext } from './compile-context.js';
import type { Substitute } from './compile-job-parts.js';

const NAME_LENGTH = 80;

/**
 * Compiles a job's steps. A string step is shorthand for `run:`. Ids are the step's `id:` or
 * `step-<n>` (1-based) and must be unique within the job. A step without `name:` is named after the
 * first line of its `run:` or after its `uses:`.
 */
export function compileSteps(key: string, steps: JobInput['steps'], sub: Substitute, ctx: CompileContext): PlanStep[] {
  const explicitIds = new Set(steps.flatMap((s) => (typeof s === 'object' && s.id ? [s.id] : [])));
  const seen = new Set<string>();
  return steps.map((input, i) => {
    const step = typeof input === 'string' ? { run: input } : input;
    const id = 'id' in step && step.id ? step.id : `step-${i + 1}`;
    if (seen.has(id) || (!('id' in step && step.id) && explicitIds.has(id))) {
      const path = 'id' in step && step.id ? ['jobs', key, 'steps', i, 'id'] : ['jobs', key, 'steps', i];
      ctx.report('ERR_PIPELINE_DUPLICATE_NAME', `job "${key}" has two steps with id "${id}"`, path);
    }
    seen.add(id);
    const run = step.run === undefined ? undefined : sub(step.run);
    const uses = 'uses' in step ? step.uses : undefined;
    const timeout = 'timeout' in step ? step.timeout : undefined;
    const condition = 'if' in step ? step.if : undefined;
    const workingDirectory = 'working-directory' in step ? step['working-directory'] : undefined;
    return compact<PlanStep>({
      id,
      name: 'name' in step && step.name !== undefined ? sub(step.name) : defaultName(run, uses, i),
      run,
      uses,
      with: 'with' in step && step.with !== undefined ? mapValues(step.with, (v) => sub(scalarText(v))) : undefined,
      shell: 'shell' in step ? step.shell : undefined,
      workingDirectory: workingDirectory === undefined ? undefined : sub(workingDirectory),
      env: mapValues('env' in step ? step.env : undefined, (v) => sub(scalarText(v))),
      if: condition === undefined ? undefined : String(condition),
      continueOnError: ('continue-on-error' in step && step['continue-on-error']) || false,
      timeoutMs: timeout === undefined ? undefined : parseDuration(timeout),
    });
  });
}

function defaultName(run: string | undefined, uses: string | undefined, index: number): string {
  if (uses !== undefined) return uses;
  const line = (run ?? '').split('\n').find((l) => l.trim() !== '')?.trim() ?? `step ${index + 1}`;
  return line.length > NAME_LENGTH ? `${line.slice(0, NAME_LENGTH - 3)}...` : line;
}
