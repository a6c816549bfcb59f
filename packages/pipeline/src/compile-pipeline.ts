import type { Diagnostic } from './diagnostic.js';
import { resolveLimits, type Limits } from './limits.js';
import type { Plan } from './plan.js';
import { checkExpressions } from './compile/check-expressions.js';
import { checkLimits } from './compile/check-limits.js';
import { createCompileContext } from './compile/compile-context.js';
import { compilePlan } from './compile/compile-plan.js';
import { createDiagnosticSink } from './compile/diagnostic-sink.js';
import { parseDocument } from './compile/parse-document.js';
import { validateSchema } from './compile/validate-schema.js';

export interface CompileOptions {
  /** The file name diagnostics and the plan carry (default `.ritmo.yml`). */
  file?: string;
  /** Overrides of the default limits. */
  limits?: Partial<Limits>;
}

export interface CompileResult {
  /** Present only when there is no error-severity diagnostic. */
  plan?: Plan;
  /** Every finding, in file order. */
  diagnostics: Diagnostic[];
}

/**
 * Compiles pipeline YAML into a Plan. Pure: text in, plan and diagnostics out. In order: size, depth
 * and alias limits before the YAML is built; job, matrix, needs and name limits before validation;
 * schema validation and expression checks; then stages, needs, matrix expansion and defaults.
 * Each phase stops the next when it found errors, except that expressions are checked whenever the
 * file is valid YAML within the limits.
 */
export function compilePipeline(text: string, options: CompileOptions = {}): CompileResult {
  const file = options.file ?? '.ritmo.yml';
  const limits = resolveLimits(options.limits);
  const sink = createDiagnosticSink(file);
  const { root } = parseDocument(text, limits, sink);
  if (!root || sink.hasErrors()) return { diagnostics: sink.list() };
  if (!checkLimits(root, limits, sink)) return { diagnostics: sink.list() };
  const input = validateSchema(root, sink);
  checkExpressions(root, sink);
  if (!input || sink.hasErrors()) return { diagnostics: sink.list() };
  const plan = compilePlan(input, file, createCompileContext(root, sink, limits));
  return sink.hasErrors() ? { diagnostics: sink.list() } : { plan, diagnostics: sink.list() };
}
