import { profileLines } from '../lib/profile-lines.mjs';
import { startStack } from '../lib/start-stack.mjs';
import { measureDag } from './dag.mjs';
import { measurePickup } from './pickup.mjs';

/**
 * Pickup latency and DAG edge latency, on SQLite and on PostgreSQL: one server and one idle agent
 * (host executor, capacity 1) per database. With --profile the server and agent run under --cpu-prof.
 */
export async function latency(ctx, b) {
  const figures = [];
  for (const db of ['sqlite', 'postgres']) {
    const stack = await startStack(ctx, { name: `latency-${db}`, db, agents: 1, executor: 'host', capacity: 1, profile: ctx.options.profile, logLevel: ctx.options.profile ? 'info' : 'warn' });
    try {
      if (ctx.options.only.has('pickup')) figures.push(...(await measurePickup(ctx, stack, b)));
      if (ctx.options.only.has('dag')) figures.push(...(await measureDag(ctx, stack, b)));
    } finally {
      const profile = await stack.stop();
      if (profile) {
        ctx.finding(`CPU profile: pickup${ctx.options.only.has('dag') ? ' and DAG' : ''} on ${db}`, [
          ...profileLines('server', profile.server),
          ...profileLines('agent', profile.agent),
        ]);
      }
    }
  }
  return figures;
}
