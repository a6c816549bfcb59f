import { createHashFiles } from '@ritmo/runner';
import type { CliDeps } from '../cli-deps.js';
import { exitCodes } from '../exit-codes.js';
import { loadPipeline } from '../files/load-pipeline.js';
import { resolveLocalTrigger } from '../local/resolve-local-trigger.js';
import { createColors, shouldUseColor } from '../output/colors.js';
import { formatPlan } from '../output/format-plan.js';
import { decideJobs } from '../plan/decide-jobs.js';
import { topologicalOrder } from '../plan/topological-order.js';
import { withCliErrors } from '../with-cli-errors.js';

export interface PlanOptions {
  json?: boolean;
  /** push (default), pull_request, tag or manual. */
  event?: string;
  ref?: string;
  /** `key=value` manual inputs. */
  input?: readonly string[];
}

/**
 * `ritmo plan [FILE]`: the expanded DAG in topological order (needs, matrix values, runs-on), whether
 * `on:` matches the event, and what each `if:` decides, every started job assumed to succeed.
 */
export function planCommand(file: string | undefined, options: PlanOptions, deps: CliDeps): Promise<number> {
  return withCliErrors(deps, async () => {
    const { plan } = await loadPipeline(file, deps);
    const local = await resolveLocalTrigger(plan, options, deps);
    const order = topologicalOrder(plan.jobs);
    const decisions = decideJobs(plan, local.context, createHashFiles(deps.cwd));
    const on = { matches: local.on.matched, reason: local.on.reason };
    if (options.json === true) {
      const report = { plan, order: order.map((j) => j.id), trigger: local.trigger, on, decisions };
      deps.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      const colors = createColors(shouldUseColor(deps.stdout, deps.env));
      deps.stdout.write(formatPlan({ plan, order, trigger: local.trigger, on, decisions }, colors));
    }
    return exitCodes.ok;
  });
}
