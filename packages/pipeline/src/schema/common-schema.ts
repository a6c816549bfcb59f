import { z } from 'zod';
import { parseDuration } from '@ritmo/shared';
import type { ErrorCode } from '@ritmo/shared';
import { checkGlob } from './check-glob.js';

/** Attach a diagnostic code to a custom zod issue; the issue mapper reads it back. */
export function withCode(code: ErrorCode): { params: { code: ErrorCode } } {
  return { params: { code } };
}

export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
export const IDENTIFIER_RULE = 'must start with a letter or "_" and contain only letters, digits, "-" and "_"';
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const identifier = z.string().regex(IDENTIFIER, { error: IDENTIFIER_RULE });

export const stringList = z.union([z.string(), z.array(z.string())]);

/** A string that may hold `${{ }}` expressions. */
export const template = z.string();

export const ifCondition = z
  .union([z.string(), z.boolean()])
  .describe('Run only when this expression is true, e.g. ${{ ritmo.ref == \'refs/heads/main\' }} or success() && ...');

export const envMap = z
  .record(
    z.string().regex(ENV_NAME, { error: 'must be an environment variable name: letters, digits and "_", not starting with a digit' }),
    z.union([z.string(), z.number(), z.boolean(), z.null()]),
  )
  .describe('Environment variables: NAME: value');

const durationMessage = (v: string | number) => `"${v}" is not a duration such as 90s, 10m, 2h or 1h30m`;

export const duration = z.union([z.string(), z.number()]).superRefine((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === undefined) ctx.addIssue({ code: 'custom', message: durationMessage(value), ...withCode('ERR_PIPELINE_INVALID_DURATION') });
  else if (ms <= 0) ctx.addIssue({ code: 'custom', message: 'a duration must be longer than zero', ...withCode('ERR_PIPELINE_INVALID_DURATION') });
});

/** A duration, or `never`. */
export const expiry = z.union([z.string(), z.number()]).superRefine((value, ctx) => {
  if (value === 'never') return;
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) ctx.addIssue({ code: 'custom', message: `${durationMessage(value)}, or never`, ...withCode('ERR_PIPELINE_INVALID_DURATION') });
});

export const glob = z.string().superRefine((value, ctx) => {
  const problem = checkGlob(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, ...withCode('ERR_PIPELINE_INVALID_GLOB') });
});

export const globList = z.union([glob, z.array(glob)]);

export const concurrency = z
  .union([
    template,
    z.strictObject({
      group: template.describe('Builds (or jobs) with the same group run one at a time'),
      'cancel-in-progress': z.boolean().optional().describe('Cancel the running one when a new one arrives (default false)'),
    }),
  ])
  .describe('A concurrency group name, or { group, cancel-in-progress }');
