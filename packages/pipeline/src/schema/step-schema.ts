import { z } from 'zod';
import { duration, envMap, identifier, ifCondition, template, withCode } from './common-schema.js';

export const stepObject = z
  .strictObject({
    id: identifier.optional().describe('Names the step for steps.<id>.outputs; unique within the job'),
    name: template.optional().describe('Shown in logs and the UI (default: the first line of run, or uses)'),
    run: template.optional().describe('Shell commands to run'),
    uses: z.string().min(1).optional().describe('A plugin step, e.g. deploy-webhook@1'),
    with: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
      .optional()
      .describe('Inputs of a uses: step'),
    shell: z.string().min(1).optional().describe('bash (default: bash -eo pipefail), sh, pwsh, python, or a template with {0}'),
    'working-directory': template.optional(),
    env: envMap.optional(),
    if: ifCondition.optional(),
    'continue-on-error': z.boolean().optional().describe('A failure of this step does not fail the job'),
    timeout: duration.optional().describe('e.g. 90s, 10m, 2h'),
  })
  .superRefine((step, ctx) => {
    const issue = (path: string[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message, ...withCode('ERR_PIPELINE_STEP_ACTION') });
    if (step.run !== undefined && step.uses !== undefined) issue(['uses'], 'a step has either run or uses, not both');
    else if (step.run === undefined && step.uses === undefined) issue([], 'a step needs run or uses');
    if (step.with !== undefined && step.uses === undefined) issue(['with'], 'with is only for uses steps');
  });

/** A step: a map, or a string as shorthand for `run:`. */
export const step = z.union([template, stepObject]);
