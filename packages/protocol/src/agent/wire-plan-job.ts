import { z } from 'zod';
import type { PlanJob } from '@ritmo/pipeline';

const WireStep = z.looseObject({
  id: z.string(),
  name: z.string(),
  env: z.record(z.string(), z.string()),
  continueOnError: z.boolean(),
});

/**
 * A PlanJob on the wire. The compiler produced it, so only the fields the agent relies on are checked;
 * the rest passes through unchanged and the type is the pipeline's own.
 */
export const WirePlanJob = z.looseObject({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  needs: z.array(z.string()),
  needsKeys: z.array(z.string()),
  runsOn: z.array(z.string()),
  services: z.array(z.unknown()),
  env: z.record(z.string(), z.string()),
  steps: z.array(WireStep).min(1),
  timeoutMs: z.number().int().positive(),
  outputs: z.record(z.string(), z.string()),
  secrets: z.array(z.string()),
}) as unknown as z.ZodType<PlanJob>;
