import { call } from '../../../e2e/support/processes.mjs';
import { nowMs, serverMs, sleep } from '../lib/clock.mjs';
import { figure } from '../lib/figure.mjs';
import { profileLines } from '../lib/profile-lines.mjs';
import { cpuMsOfCommand, readCpuMs } from '../lib/proc-stats.mjs';
import { median } from '../lib/stats.mjs';
import { startStack } from '../lib/start-stack.mjs';

const JOBS_PER_BUILD = 100;
const AGENTS = 8;
const CAPACITY = 4;
const CONFIGS = [
  { executor: 'dummy', servers: 1, target: 1000 },
  { executor: 'dummy', servers: 2, target: 1000 },
  { executor: 'host', servers: 1, target: 300 },
  { executor: 'host', servers: 2, target: 300 },
];

const pipeline = () => `jobs:\n${Array.from({ length: JOBS_PER_BUILD }, (_, i) => `  j${i}:\n    steps:\n      - run: "true"\n`).join('')}`;

/** Waits until every build of the project finished; answers the builds (list DTOs). */
async function waitAllFinished(server, project, count, timeoutMs) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const items = (await call(server, 'GET', `/api/v1/builds?project=${project}&limit=200`)).json?.items ?? [];
    if (items.length >= count && items.every((b) => b.finishedAt !== null)) return items;
    if (Date.now() > until) throw new Error(`builds of ${project} still running after ${timeoutMs} ms`);
    await sleep(250);
  }
}

/**
 * How long each job held an agent slot (claim → complete, server clock) and how long its step took
 * (the runner's "started" → its result), medians; and how many of the 32 slots were busy on average.
 */
async function slotTimes(server, builds) {
  const held = [];
  const step = [];
  let first = Infinity;
  let last = 0;
  for (const b of builds) {
    for (const job of (await call(server, 'GET', `/api/v1/builds/${b.id}`)).json.jobs) {
      const start = serverMs(job.startedAt);
      const finish = serverMs(job.finishedAt);
      held.push(finish - start);
      first = Math.min(first, start);
      last = Math.max(last, finish);
      const s = job.steps[0];
      if (s) step.push(serverMs(s.finishedAt) - serverMs(s.startedAt));
    }
  }
  const busy = held.reduce((a, x) => a + x, 0) / (last - first);
  return { held: median(held), step: median(step), busy };
}

async function runConfig(ctx, config) {
  const total = ctx.sizes.throughputJobs;
  const builds = Math.ceil(total / JOBS_PER_BUILD);
  const name = `tp-${config.executor}-${config.servers}`;
  const stack = await startStack(ctx, { name, db: 'postgres', servers: config.servers, agents: AGENTS, capacity: CAPACITY, executor: config.executor, profile: ctx.options.profile });
  let result;
  try {
    const created = await stack.api('POST', '/api/v1/projects', { name, pipeline: pipeline() });
    if (created.status !== 201) throw new Error(`project: ${created.text}`);
    const serverPids = stack.servers.map((s) => s.pid);
    const agentPids = stack.agents.map((a) => a.pid);
    const cpu = () => ({ server: serverPids.reduce((s, p) => s + readCpuMs(p), 0), agents: agentPids.reduce((s, p) => s + readCpuMs(p), 0), postgres: cpuMsOfCommand('postgres') });
    const before = cpu();
    const t0 = nowMs();
    for (let i = 0; i < builds; i++) {
      const res = await call(stack.servers[i % stack.servers.length], 'POST', `/api/v1/projects/${name}/builds`, {});
      if (res.status !== 201) throw new Error(`trigger: ${res.text}`);
    }
    const triggered = nowMs() - t0;
    const done = await waitAllFinished(stack.primary, name, builds, 30 * 60_000);
    const after = cpu();
    const end = Math.max(...done.map((b) => serverMs(b.finishedAt)));
    const failed = done.filter((b) => b.status !== 'success');
    if (failed.length > 0) throw new Error(`${failed.length} build(s) of ${name} did not succeed: ${failed.map((b) => b.status).join(', ')}`);
    const seconds = (end - t0) / 1000;
    const per = (ms) => ms / (builds * JOBS_PER_BUILD);
    const slots = await slotTimes(stack.primary, done);
    result = {
      slots,
      rate: (builds * JOBS_PER_BUILD) / seconds,
      seconds,
      triggered,
      cpuPerJob: { server: per(after.server - before.server), agents: per(after.agents - before.agents), postgres: per(after.postgres - before.postgres) },
    };
  } finally {
    const profile = await stack.stop();
    if (profile) ctx.finding(`CPU profile: throughput, ${config.executor}, ${config.servers} instance(s)`, [...profileLines('server(s)', profile.server), ...profileLines('agents', profile.agent)]);
  }
  return result;
}

/**
 * 2,000 one-step jobs (builds of 100, all triggered up front) across 8 agents of capacity 4 on
 * PostgreSQL: jobs/s from the first trigger sent to the last build's finishedAt, with the dummy executor
 * (no process) and the host executor running `true`, behind 1 and 2 server instances.
 */
export async function throughput(ctx, b) {
  const figures = [];
  const lines = [];
  // A quick run keeps one server instance (the 2-instance figures come from full runs).
  for (const config of CONFIGS.filter((c) => !ctx.options.quick || c.servers === 1)) {
    ctx.log(`throughput: ${config.executor}, ${config.servers} server instance(s)…`);
    const r = await runConfig(ctx, config);
    const c = r.cpuPerJob;
    const cpuTotal = c.server + c.agents + c.postgres;
    const ceiling = (1000 * 2) / cpuTotal;
    const base = config.executor === 'host' ? `spawn alone ≤ ${Math.round((1000 / b.spawn.p50) * 2)} /s on 2 cores` : `bare HTTP ${Math.round(1000 / b.http.p50)} round trips/s`;
    figures.push(
      figure({
        scenario: 'throughput',
        name: `${config.executor}${config.executor === 'host' ? ' `true`' : ''}, ${config.servers} server instance${config.servers > 1 ? 's' : ''}, ${ctx.sizes.throughputJobs} jobs`,
        value: r.rate,
        unit: 'jobs/s',
        baseline: base,
        target: { op: '>=', value: config.target },
      }),
    );
    lines.push(
      `- ${config.executor}, ${config.servers} instance(s): ${r.seconds.toFixed(1)} s for ${ctx.sizes.throughputJobs} jobs (triggering took ${(r.triggered / 1000).toFixed(1)} s of it). CPU per job: server ${c.server.toFixed(2)} ms, agents ${c.agents.toFixed(2)} ms, PostgreSQL ${c.postgres.toFixed(2)} ms; ${cpuTotal.toFixed(2)} ms in all, so 2 cores cap this at about ${Math.round(ceiling)} jobs/s. A job held its slot ${r.slots.held.toFixed(0)} ms (median, claim → complete; its step ${r.slots.step.toFixed(0)} ms) and ${r.slots.busy.toFixed(1)} of ${AGENTS * CAPACITY} slots were busy on average.`,
    );
  }
  ctx.finding('throughput: CPU per job (from /proc, processes of the run and every postgres backend)', lines);
  return figures;
}
