import { z } from 'zod';
import { concurrency, duration, envMap, ifCondition, stringList, template } from './common-schema.js';
import { artifacts, cache, environment, outputs, reports, retry, services, strategy } from './job-parts-schema.js';
import { step } from './step-schema.js';

export const job = z.strictObject({
  name: template.min(1).optional().describe('Display name (default: the job key); may use ${{ matrix.* }}'),
  stage: z.string().min(1).optional().describe('One of stages:; the job needs every job of the previous stage'),
  needs: stringList.optional().describe('Jobs that must finish first; overrides stage ordering ([] = none)'),
  'runs-on': stringList.optional().describe('Agent labels, all of which must match (default: any agent)'),
  image: template.min(1).optional().describe('Container image for the docker executor'),
  services: services.optional(),
  env: envMap.optional(),
  if: ifCondition.optional(),
  strategy: strategy.optional(),
  timeout: duration.optional().describe('Job timeout, e.g. 90s, 10m, 2h (default 60m)'),
  retry: retry.optional(),
  'continue-on-error': z.boolean().optional().describe('A failure of this job does not fail the build'),
  concurrency: concurrency.optional(),
  cache: cache.optional(),
  artifacts: artifacts.optional(),
  reports: reports.optional(),
  environment: environment.optional(),
  outputs: outputs.optional(),
  steps: z.array(step).min(1).describe('Commands (run:) and plugin calls (uses:), run in order'),
});
