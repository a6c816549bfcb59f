import { z } from 'zod';
import { checkCron, checkTimezone } from './check-cron.js';
import { globList, identifier, withCode } from './common-schema.js';

export const EVENTS = ['push', 'pull_request', 'tag', 'schedule', 'manual'] as const;

export const PR_TYPES = [
  'opened',
  'synchronize',
  'reopened',
  'closed',
  'edited',
  'ready_for_review',
  'converted_to_draft',
  'labeled',
  'unlabeled',
] as const;

export const INPUT_TYPES = ['string', 'number', 'boolean', 'choice'] as const;

const EXCLUSIVE = [
  ['branches', 'branches-ignore'],
  ['tags', 'tags-ignore'],
  ['paths', 'paths-ignore'],
] as const;

/** `branches` and `branches-ignore` (and the tags / paths pairs) cannot both be set. */
function exclusiveFilters(value: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const [include, exclude] of EXCLUSIVE) {
    if (value[include] !== undefined && value[exclude] !== undefined) {
      ctx.addIssue({ code: 'custom', path: [exclude], message: `use either ${include} or ${exclude}, not both`, ...withCode('ERR_PIPELINE_INVALID_VALUE') });
    }
  }
}

const branches = globList.optional().describe('Only refs whose branch matches one of these globs');
const branchesIgnore = globList.optional().describe('Not refs whose branch matches one of these globs');
const tags = globList.optional().describe('Only tags matching one of these globs');
const tagsIgnore = globList.optional().describe('Not tags matching one of these globs');
const paths = globList.optional().describe('Only when a changed file matches one of these globs');
const pathsIgnore = globList.optional().describe('Not when every changed file matches one of these globs');

export const pushTrigger = z
  .strictObject({ branches, 'branches-ignore': branchesIgnore, tags, 'tags-ignore': tagsIgnore, paths, 'paths-ignore': pathsIgnore })
  .superRefine(exclusiveFilters);

export const pullRequestTrigger = z
  .strictObject({
    branches: branches.describe('Only pull requests into a branch matching one of these globs'),
    'branches-ignore': branchesIgnore,
    paths,
    'paths-ignore': pathsIgnore,
    types: z.array(z.enum(PR_TYPES)).min(1).optional().describe('Pull request actions (default: opened, synchronize, reopened)'),
  })
  .superRefine(exclusiveFilters);

export const tagTrigger = z.strictObject({ tags, 'tags-ignore': tagsIgnore }).superRefine(exclusiveFilters);

export const scheduleEntry = z.strictObject({
  cron: z
    .string()
    .superRefine((value, ctx) => {
      const problem = checkCron(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, ...withCode('ERR_PIPELINE_INVALID_CRON') });
    })
    .describe('Five fields (minute hour day month weekday), six with seconds, or @daily / @hourly ...'),
  timezone: z
    .string()
    .superRefine((value, ctx) => {
      const problem = checkTimezone(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, ...withCode('ERR_PIPELINE_INVALID_CRON') });
    })
    .optional()
    .describe('IANA time zone for the cron expression (default UTC)'),
});

const inputValue = z.union([z.string(), z.number(), z.boolean()]);

export const manualInput = z
  .strictObject({
    type: z.enum(INPUT_TYPES).optional().describe('string (default), number, boolean or choice'),
    description: z.string().optional(),
    required: z.boolean().optional().describe('Must be given when the build is started (default false)'),
    default: inputValue.optional(),
    options: z.array(z.string()).min(1).optional().describe('The allowed values of a choice input'),
  })
  .superRefine((input, ctx) => {
    const problem = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message, ...withCode('ERR_PIPELINE_INPUT_DEFINITION') });
    const type = input.type ?? 'string';
    if (type === 'choice' && input.options === undefined) problem('type', 'a choice input needs options');
    if (type !== 'choice' && input.options !== undefined) problem('options', `options are only for choice inputs, not ${type}`);
    const value = input.default;
    if (value === undefined) return;
    if (type === 'choice') {
      if (input.options && !input.options.includes(String(value))) {
        problem('default', `default "${String(value)}" is not one of the options ${input.options.join(', ')}`);
      }
    } else if (typeof value !== type) {
      problem('default', `default ${JSON.stringify(value)} is not a ${type}`);
    }
  });

export const manualTrigger = z.strictObject({
  inputs: z.record(identifier, manualInput).optional().describe('Typed inputs asked for when a build is started by hand'),
});

const event = z.enum(EVENTS);

export const onSchema = z
  .union([
    event,
    z.array(event).min(1),
    z.strictObject({
      push: pushTrigger.nullable().optional().describe('Pushes to branches (and tags, with tags:)'),
      pull_request: pullRequestTrigger.nullable().optional().describe('Pull (merge) requests'),
      tag: tagTrigger.nullable().optional().describe('Tags being pushed'),
      schedule: z.array(scheduleEntry).min(1).optional().describe('Cron schedules'),
      manual: manualTrigger.nullable().optional().describe('Started by hand, from the UI, CLI or API'),
    }),
  ])
  .describe('When the pipeline runs: an event name, a list of them, or a map of events with filters');
