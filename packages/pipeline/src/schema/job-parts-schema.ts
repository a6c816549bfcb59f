import { z } from 'zod';
import { envMap, expiry, glob, globList, IDENTIFIER, IDENTIFIER_RULE, identifier, stringList, template, withCode } from './common-schema.js';

export const SERVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const serviceName = z.string().regex(SERVICE_NAME, { error: 'must be a host name: letters, digits, ".", "-" and "_"' });

const port = z.union([z.number().int().min(1).max(65535), z.string().regex(/^\d{1,5}$/, { error: 'must be a port number' })]);

const serviceFields = {
  image: z.string().min(1).describe('Container image of the service'),
  env: envMap.optional(),
  ports: z.array(port).optional(),
  command: stringList.optional().describe('Overrides the image command; a string is split on spaces'),
};

const namedService = z.strictObject({ name: serviceName.optional().describe('Host name (default: from the image)'), ...serviceFields });

export const services = z
  .union([
    z.record(serviceName, z.union([z.string(), z.strictObject(serviceFields)])),
    z.array(z.union([z.string(), namedService])),
  ])
  .describe('Containers started beside the job: name: image, name: { image, env, ports, command }, or a list');

const matrixValue = z.union([z.string(), z.number(), z.boolean(), z.record(z.string(), z.unknown())]);
const matrixCombination = z.record(z.string(), z.unknown());

export const matrix = z
  .object({
    include: z.array(matrixCombination).optional().describe('Extra combinations, or values added to matching ones'),
    exclude: z.array(matrixCombination).optional().describe('Combinations to leave out (partial matches)'),
  })
  .catchall(z.array(matrixValue).min(1))
  .superRefine((value, ctx) => {
    const keys = Object.keys(value).filter((k) => k !== 'include' && k !== 'exclude');
    for (const key of keys) {
      if (!IDENTIFIER.test(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `matrix key "${key}" ${IDENTIFIER_RULE}`, ...withCode('ERR_PIPELINE_INVALID_VALUE') });
      }
    }
    if (keys.length === 0 && !value.include?.length) {
      ctx.addIssue({ code: 'custom', message: 'a matrix needs at least one key with values, or include', ...withCode('ERR_PIPELINE_INVALID_VALUE') });
    }
  })
  .describe('Runs the job once per combination: key: [values], plus include / exclude');

export const strategy = z.strictObject({
  matrix: matrix.optional(),
  'fail-fast': z.boolean().optional().describe('Cancel the other cells when one fails (default true)'),
  'max-parallel': z.number().int().min(1).optional().describe('At most this many cells at once'),
});

export const RETRY_WHEN = ['agent-lost', 'always', 'failure', 'timeout'] as const;
const retryWhen = z.enum(RETRY_WHEN);
const exitCode = z.number().int().min(0).max(255);

export const retry = z
  .union([
    z.number().int().min(0).max(10),
    z.strictObject({
      max: z.number().int().min(0).max(10).describe('Extra attempts after the first (0-10)'),
      when: z.union([retryWhen, z.array(retryWhen)]).optional().describe('agent-lost, always, failure, timeout (default always)'),
      'exit-codes': z.union([exitCode, z.array(exitCode)]).optional().describe('Retry when the job fails with one of these exit codes'),
    }),
  ])
  .describe('Retries: a number (on any failure) or { max, when, exit-codes }');

export const cache = z
  .strictObject({
    key: template.min(1).optional().describe('Cache key (default "default"); use hashFiles() to key on lock files'),
    'restore-keys': stringList.optional().describe('Key prefixes to fall back to when the key misses'),
    paths: globList.describe('Paths to cache'),
    policy: z.enum(['pull-push', 'pull', 'push']).optional().describe('pull-push (default), pull or push'),
  })
  .describe('Files kept between builds');

const artifact = z.strictObject({
  name: identifier.optional().describe('Artifact name (default: the job key)'),
  paths: globList.describe('Files to upload'),
  exclude: globList.optional(),
  'expire-in': expiry.optional().describe('e.g. 30d, or never'),
  when: z.enum(['success', 'failure', 'always']).optional().describe('Upload on success (default), failure or always'),
});

export const artifacts = z.union([artifact, z.array(artifact).min(1)]).describe('Files the job produces, one artifact or a list');

export const reports = z.strictObject({ junit: z.union([glob, z.array(glob)]).optional().describe('JUnit XML files to parse') });

export const environment = z
  .union([template, z.strictObject({ name: template.min(1), url: template.optional() })])
  .describe('The deploy target this job deploys to: a name or { name, url }');

export const outputs = z.record(identifier, template).describe('Job outputs: name: ${{ steps.<id>.outputs.<key> }}');
