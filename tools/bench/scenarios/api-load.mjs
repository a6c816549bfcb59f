import { ADMIN_TOKEN } from '../../../e2e/support/processes.mjs';
import { sleep } from '../lib/clock.mjs';
import { figure } from '../lib/figure.mjs';
import { load } from '../lib/load.mjs';
import { profileLines } from '../lib/profile-lines.mjs';
import { startStack } from '../lib/start-stack.mjs';

const AGENTS = 8;
const CAPACITY = 4;
const JOBS_PER_BUILD = 20;
const JOB_SECONDS = 5;

const pipeline = `jobs:\n${Array.from({ length: JOBS_PER_BUILD }, (_, i) => `  j${i}:\n    steps:\n      - run: sleep ${JOB_SECONDS}\n`).join('')}`;

async function runOnce(ctx, db) {
  const seconds = ctx.sizes.apiSeconds;
  const stack = await startStack(ctx, { name: `api-${db}`, db, agents: AGENTS, capacity: CAPACITY, executor: 'host', profile: ctx.options.profile });
  try {
    const created = await stack.api('POST', '/api/v1/projects', { name: 'api', pipeline });
    if (created.status !== 201) throw new Error(`project: ${created.text}`);
    // Enough queued work to keep all 32 slots busy through both load runs and a margin.
    const builds = Math.ceil((AGENTS * CAPACITY * (2 * seconds + 10)) / JOB_SECONDS / JOBS_PER_BUILD);
    let buildId;
    for (let i = 0; i < builds; i++) {
      const res = await stack.api('POST', '/api/v1/projects/api/builds', {});
      if (res.status !== 201) throw new Error(`trigger: ${res.text}`);
      buildId ??= res.json.id;
    }
    await sleep(2000);
    const headers = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const list = await load({ url: `${stack.url}/api/v1/builds`, rate: 1000, seconds, headers });
    const detail = await load({ url: `${stack.url}/api/v1/builds/${buildId}`, rate: 1000, seconds, headers });
    const running = (await stack.api('GET', '/api/v1/builds?status=running&limit=200')).json?.items?.length ?? 0;
    const queued = (await stack.api('GET', '/api/v1/builds?status=queued&limit=200')).json?.items?.length ?? 0;
    return { list, detail, busy: running + queued > 0, builds };
  } finally {
    const profile = await stack.stop();
    if (profile) ctx.finding(`CPU profile: API under load on ${db}`, profileLines('server', profile.server));
  }
}

/**
 * autocannon at 1,000 requests/s for `apiSeconds` each on GET /api/v1/builds and on one build's
 * detail (20 jobs), while 8 agents of capacity 4 run `sleep 5` jobs from a queue kept full (about 6 jobs/s).
 */
export async function apiLoad(ctx, b) {
  const figures = [];
  const lines = [];
  const base = `bare server at 1,000 req/s p99 ${b.bareLoad.p99.toFixed(0)} ms`;
  for (const db of ctx.options.quick ? ['sqlite'] : ['sqlite', 'postgres']) {
    ctx.log(`API under load on ${db}…`);
    const r = await runOnce(ctx, db);
    const scenario = `API under load (${db})`;
    for (const [what, x] of [
      ['GET /api/v1/builds', r.list],
      ['GET /api/v1/builds/{id}', r.detail],
    ]) {
      figures.push(figure({ scenario, name: `${what} p99 at 1,000 req/s`, value: x.p99, unit: 'ms', baseline: base, target: { op: '<=', value: 50 } }));
      lines.push(
        x.unanswered
          ? `- ${db}, ${what}: no request was answered within the ${ctx.sizes.apiSeconds} s run (shown as ${ctx.sizes.apiSeconds * 1000} ms)`
          : `- ${db}, ${what}: p50 ${x.p50} ms, p90 ${x.p90} ms, p99 ${x.p99} ms, max ${x.max} ms; ${Math.round(x.rate)} req/s reached of 1,000, ${x.failed} failed`,
      );
    }
    lines.push(`- ${db}: the agents ${r.busy ? 'still had builds running or queued after both runs' : 'ran out of work before the end (figures are for a partly idle server)'} (${r.builds} builds of ${JOBS_PER_BUILD} jobs queued up front)`);
  }
  ctx.finding('API under load', lines);
  return figures;
}
