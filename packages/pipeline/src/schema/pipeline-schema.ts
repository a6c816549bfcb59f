import { z } from 'zod';
import { concurrency, envMap, IDENTIFIER, IDENTIFIER_RULE, template, withCode } from './common-schema.js';
import { job } from './job-schema.js';
import { onSchema } from './triggers-schema.js';

/** Top-level keys starting with `x-` are ignored, so they can hold YAML anchors (`x-defaults: &defaults`). */
export const EXTENSION_KEY = /^x-/;

export const pipelineSchema = z
  .strictObject({
    name: template.min(1).optional().describe('Pipeline name (default: the file name)'),
    on: onSchema.optional(),
    env: envMap.optional(),
    concurrency: concurrency.optional(),
    stages: z
      .array(z.string().min(1))
      .optional()
      .superRefine((stages, ctx) => {
        const seen = new Set<string>();
        stages?.forEach((stage, i) => {
          if (seen.has(stage)) ctx.addIssue({ code: 'custom', path: [i], message: `stage "${stage}" is listed twice`, ...withCode('ERR_PIPELINE_DUPLICATE_NAME') });
          seen.add(stage);
        });
      })
      .describe('Ordered groups of jobs; each stage needs the one before'),
    jobs: z
      .record(z.string().regex(IDENTIFIER, { error: IDENTIFIER_RULE }), job)
      .superRefine((jobs, ctx) => {
        if (Object.keys(jobs).length === 0) ctx.addIssue({ code: 'custom', message: 'a pipeline needs at least one job', ...withCode('ERR_PIPELINE_MISSING_KEY') });
      })
      .describe('The jobs of the build, by key'),
  })
  .describe('A Ritmo pipeline');

export type PipelineInput = z.infer<typeof pipelineSchema>;
export type JobInput = PipelineInput['jobs'][string];
export type StepInput = JobInput['steps'][number];
