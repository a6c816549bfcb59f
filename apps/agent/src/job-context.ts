import { toRitmoContext, type EventName, type ExpressionContext, type TriggerContext } from '@ritmo/pipeline';
import type { JobPayload } from '@ritmo/protocol';

/** The expression context a claimed job runs with: `ritmo` (with `job` and `upstream`), `inputs`, `matrix` and `needs` (secrets go separately). */
export function jobContext(payload: JobPayload): ExpressionContext {
  const r = payload.ritmo;
  const trigger: TriggerContext = { event: r.event as EventName, buildNumber: r.number, buildId: r.buildId, project: r.project };
  if (r.ref !== null) trigger.ref = r.ref;
  if (r.sha !== null) trigger.sha = r.sha;
  if (r.branch !== null) trigger.branch = r.branch;
  if (r.tag !== null) trigger.tag = r.tag;
  if (r.actor !== null) trigger.actor = r.actor;
  if (r.baseBranch !== null) trigger.baseBranch = r.baseBranch;
  if (r.prAction !== null) trigger.prAction = r.prAction;
  const ritmo = toRitmoContext(trigger, { job: payload.job.id, serverUrl: payload.serverUrl });
  // A build started by another project's build reads that build as `ritmo.upstream` (project, build_number, status, sha ...).
  if (r.upstream) ritmo['upstream'] = r.upstream;
  return {
    ritmo,
    inputs: payload.inputs,
    matrix: payload.job.matrix ?? {},
    needs: payload.needs,
  };
}
