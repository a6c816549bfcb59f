import { hasExpressions, toRitmoContext, type ExpressionContext } from '@ritmo/pipeline';
import type { Build } from '@ritmo/store';

/** What a job's `if:` can read when the server decides it: the trigger, the inputs and literal env values. */
export function expressionContextOf(build: Build, projectName: string): ExpressionContext {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(build.plan.env)) if (!hasExpressions(v)) env[k] = v;
  const upstream = build.trigger['upstream'];
  return {
    ritmo: {
      ...toRitmoContext({
        event: build.event,
        ref: build.ref ?? undefined,
        sha: build.sha ?? undefined,
        branch: build.branch ?? undefined,
        tag: build.tag ?? undefined,
        buildNumber: build.number,
        buildId: build.id,
        project: projectName,
        actor: build.actor ?? undefined,
      }),
      // A build started by another project's build reads that build's facts (project, number, status, sha ...).
      ...(upstream && typeof upstream === 'object' ? { upstream } : {}),
    },
    inputs: build.inputs,
    env,
  };
}
