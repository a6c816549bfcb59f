import { sql } from 'kysely';
import { fromFlag, fromJson } from '../repositories/json-columns.js';
import type { RepoContext } from '../repositories/repo-context.js';

/** What explainWaiting needs to know about one agent. */
export interface AgentCapacity {
  labels: readonly string[];
  capacity: number;
  /** Jobs it runs now. */
  running: number;
  /** Only `online` agents count as live. */
  status: string;
  draining?: boolean;
}

/** Online agents as the store sees them, with the number of running jobs each holds. */
export async function liveAgents(ctx: RepoContext): Promise<AgentCapacity[]> {
  const rows = await ctx.db
    .selectFrom('agents')
    .select(['labels', 'capacity', 'status', 'draining'])
    .select((eb) =>
      eb
        .selectFrom('jobs')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('jobs.agent_id', '=', 'agents.id')
        .where('jobs.status', '=', 'running')
        .as('running'),
    )
    .where('status', '=', 'online')
    .execute();
  return rows.map((r) => ({
    labels: fromJson<string[]>(r.labels),
    capacity: r.capacity,
    running: Number(r.running ?? 0),
    status: r.status,
    draining: fromFlag(r.draining),
  }));
}
