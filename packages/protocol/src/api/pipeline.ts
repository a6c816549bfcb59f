import { z } from 'zod';
import { Id } from './common.js';

/** One finding about a pipeline file (the shape of `Diagnostic` in @ritmo/pipeline). */
export const Diagnostic = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  path: z.string(),
  suggestions: z.array(z.string()).optional(),
});
export type Diagnostic = z.infer<typeof Diagnostic>;

/** A job of a compiled plan, as the API shows it (the full plan lives on the build). */
export const PlanJobSummary = z.object({
  id: z.string(),
  name: z.string(),
  stage: z.string().nullable(),
  needs: z.array(z.string()),
  runsOn: z.array(z.string()),
  steps: z.number().int(),
});
export type PlanJobSummary = z.infer<typeof PlanJobSummary>;

/** The project's pipeline: stored inline or read from the repository at a ref. */
export const PipelineSource = z.object({
  projectId: Id,
  source: z.enum(['inline', 'repo']),
  file: z.string(),
  /** The commit the file was read at (repo pipelines only). */
  sha: z.string().nullable(),
  text: z.string(),
  diagnostics: z.array(Diagnostic),
  jobs: z.array(PlanJobSummary),
});
export type PipelineSource = z.infer<typeof PipelineSource>;

export const PipelineQuery = z.strictObject({ ref: z.string().min(1).max(255).optional() });
export type PipelineQuery = z.infer<typeof PipelineQuery>;

export const ValidatePipelineRequest = z.strictObject({
  pipeline: z.string().max(1024 * 1024),
  file: z.string().min(1).max(255).optional(),
});
export type ValidatePipelineRequest = z.infer<typeof ValidatePipelineRequest>;

export const ValidatePipelineResponse = z.object({
  valid: z.boolean(),
  diagnostics: z.array(Diagnostic),
  jobs: z.array(PlanJobSummary),
});
export type ValidatePipelineResponse = z.infer<typeof ValidatePipelineResponse>;
