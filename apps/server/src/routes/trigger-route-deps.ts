import type { HookDeps } from '../hooks/hook-deps.js';
import type { Scheduler } from '../scheduler/create-scheduler.js';
import type { RouteDeps } from './route-deps.js';

/** What the trigger routes (webhooks, deliveries, trigger tokens, upstreams, schedules) work with. */
export interface TriggerRouteDeps extends Pick<RouteDeps, 'store' | 'logger' | 'clock' | 'orchestrator' | 'shutdown'> {
  hooks: HookDeps;
  scheduler: Scheduler;
}
