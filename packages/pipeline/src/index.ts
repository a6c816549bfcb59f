export type * from './plan.js';
export { formatDiagnostic, type Diagnostic, type Severity } from './diagnostic.js';
export { checkTemplate, scanTemplate, type TemplateProblem, type TemplateSegment } from './expressions/check-template.js';
export {
  evaluateExpression,
  type EvaluateOptions,
  type ExpressionContext,
  type JobContext,
  type NeedContext,
  type RitmoContext,
  type StatusContext,
  type StepContext,
  type StrategyContext,
} from './expressions/evaluate-expression.js';
export { interpolate } from './expressions/interpolate.js';
export { evaluateCondition, unwrapCondition, type ConditionOptions } from './expressions/evaluate-condition.js';
export { renderScript, type RenderedScript } from './expressions/render-script.js';
export { callsStatusFunction } from './expressions/calls-status-function.js';
export { hasExpressions } from './expressions/scan-template.js';
export { ALL_CONTEXTS, FUNCTION_NAMES } from './expressions/ritmo-functions.js';
export { toRitmoContext, type RitmoContextExtras } from './expressions/to-ritmo-context.js';
export {
  isFinalStatus,
  FINAL_STATUSES,
  type BuildStatus,
  type FinalStatus,
  type JobStatus,
  type StatusPart,
} from './status/job-status.js';
export { deriveJobStatus, type JobStatusFlags } from './status/derive-job-status.js';
export { deriveBuildStatus, type BuildStatusFlags } from './status/derive-build-status.js';
export {
  advanceBuild,
  type AdvanceOptions,
  type BuildAdvance,
  type JobAction,
  type JobState,
} from './status/advance-build.js';
export { buildNeedsContext, type NeedsLookup } from './status/needs-context.js';
export { matchTrigger, type TriggerMatch } from './triggers/match-trigger.js';
export { createPatternMatcher, type NameMatcher } from './triggers/match-patterns.js';
export {
  resolveInputs,
  type InputError,
  type InputErrorCode,
  type InputValue,
  type ResolvedInputs,
} from './triggers/resolve-inputs.js';
export { compilePipeline, type CompileOptions, type CompileResult } from './compile-pipeline.js';
export { defaultLimits, resolveLimits, type Limits } from './limits.js';
export { pipelineJsonSchema } from './json-schema.js';
