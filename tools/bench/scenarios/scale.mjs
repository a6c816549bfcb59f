import { registrationToken } from '../../../e2e/support/processes.mjs';
import { nowMs, sleep } from '../lib/clock.mjs';
import { createFleet } from '../lib/create-fleet.mjs';
import { figure } from '../lib/figure.mjs';
import { profileLines } from '../lib/profile-lines.mjs';
import { readRssMb, startRssSampler } from '../lib/proc-stats.mjs';
import { startStack } from '../lib/start-stack.mjs';
import { stats } from '../lib/stats.mjs';

/** Mean simulated job time under the deep queue: 100 agents then claim about 20 jobs/s in all. */
const HOLD_MS = 5000;
const MAX_JOBS_PER_BUILD = 1000;

const jobs = (n) => `jobs:\n${Array.from({ length: n }, (_, i) => `  j${i}:\n    steps:\n      - run: "true"\n`).join('')}`;

/**
 * 100 long-polling agents (simulated in the harness; see create-fleet.mjs) against one server on
 * PostgreSQL: the server's memory idle, with 100 held polls, with 10,000 queued jobs and while the agents
 * work through them; wake-up-to-claim latency of single builds with 100 idle polls; and the latency of
 * every claim while 10,000 jobs wait.
 */
export async function scale(ctx, b) {
  const { scaleAgents, scaleQueued, scaleSeconds, scaleWakes } = ctx.sizes;
  const stack = await startStack(ctx, { name: 'scale', db: 'postgres', agents: 0, profile: ctx.options.profile });
  const pid = stack.primary.pid;
  const rss = { start: readRssMb(pid) };
  const fleet = createFleet({ url: stack.url, registrationToken: await registrationToken(stack.primary), count: scaleAgents });
  const wake = [];
  const claims = [];
  let queueSeconds = 0;
  let sampler;
  try {
    await fleet.register();
    ctx.log(`scale: ${scaleAgents} agents registered; wake-ups with ${scaleAgents} idle polls…`);
    const byBuild = new Map();
    fleet.run({ onClaim: (c) => byBuild.get(c.payload.buildId)?.(c) });
    await sleep(ctx.options.quick ? 1000 : 2000);
    rss.polls = readRssMb(pid);
    const one = await stack.api('POST', '/api/v1/projects', { name: 'scale-one', pipeline: jobs(1) });
    if (one.status !== 201) throw new Error(`project: ${one.text}`);
    for (let i = 0; i < scaleWakes + 2; i++) {
      await sleep(300);
      let resolveClaim;
      const claimed = new Promise((r) => (resolveClaim = r));
      const t0 = nowMs();
      const res = await stack.api('POST', '/api/v1/projects/scale-one/builds', {});
      if (res.status !== 201) throw new Error(`trigger: ${res.text}`);
      byBuild.set(res.json.id, resolveClaim);
      const c = await Promise.race([claimed, sleep(30_000).then(() => undefined)]);
      if (!c) throw new Error('no simulated agent claimed the job within 30 s');
      if (i >= 2) wake.push(c.answered - t0);
    }
    await fleet.pause();
    ctx.log(`scale: queueing ${scaleQueued} jobs…`);

    const many = await stack.api('POST', '/api/v1/projects', { name: 'scale-many', pipeline: jobs(Math.min(MAX_JOBS_PER_BUILD, scaleQueued)) });
    if (many.status !== 201) throw new Error(`project: ${many.text}`);
    const q0 = nowMs();
    for (let queued = 0; queued < scaleQueued; queued += MAX_JOBS_PER_BUILD) {
      const res = await stack.api('POST', '/api/v1/projects/scale-many/builds', {});
      if (res.status !== 201) throw new Error(`trigger: ${res.text}`);
    }
    queueSeconds = (nowMs() - q0) / 1000;
    await sleep(500);
    rss.queued = readRssMb(pid);

    ctx.log(`scale: ${scaleAgents} agents claiming for ${scaleSeconds} s…`);
    sampler = startRssSampler([pid]);
    fleet.run({ holdMs: HOLD_MS, staggerMs: HOLD_MS, onClaim: (c) => claims.push(c.ms) });
    await sleep(scaleSeconds * 1000);
    await fleet.pause();
    rss.peak = sampler.stop().get(pid);
    sampler = undefined;
  } finally {
    sampler?.stop();
    await fleet.pause().catch(() => undefined);
    const profile = await stack.stop();
    if (profile) ctx.finding('CPU profile: scale', profileLines('server', profile.server));
  }
  const w = stats(wake);
  const c = stats(claims);
  const s = 'scale';
  const base = `HTTP ${b.http.p50.toFixed(1)} + PG ${b.pg.p50.toFixed(1)} ms`;
  ctx.finding('scale', [
    `- ${scaleAgents} simulated agents; ${scaleQueued} jobs queued in ${queueSeconds.toFixed(1)} s (builds of ${MAX_JOBS_PER_BUILD}); then ${c.n} claims in ${scaleSeconds} s (${(c.n / scaleSeconds).toFixed(1)}/s), so at least ${scaleQueued - c.n} jobs stayed queued throughout`,
    `- server RSS: ${rss.start.toFixed(0)} MB at start, ${rss.polls.toFixed(0)} MB with ${scaleAgents} held polls, ${rss.queued.toFixed(0)} MB with ${scaleQueued} queued, peak ${rss.peak.toFixed(0)} MB while claiming`,
    `- wake-up with ${scaleAgents} idle polls: p50 ${w.p50.toFixed(1)} ms, p99 ${w.p99.toFixed(1)} ms (trigger sent → claim answered at the winning agent)`,
    `- claims with the queue deep: p50 ${c.p50.toFixed(1)} ms, p90 ${c.p90.toFixed(1)} ms, p99 ${c.p99.toFixed(1)} ms, max ${c.max.toFixed(1)} ms`,
  ]);
  return [
    figure({ scenario: s, name: `wake-up to claim, ${scaleAgents} idle long-polls, p50 (${w.n} builds)`, value: w.p50, unit: 'ms', baseline: base, target: { op: '<=', value: 15 } }),
    figure({ scenario: s, name: `wake-up to claim, ${scaleAgents} idle long-polls, p99`, value: w.p99, unit: 'ms', baseline: base, target: { op: '<=', value: 50 } }),
    figure({ scenario: s, name: `claim latency, ${scaleQueued} queued, p50 (${c.n} claims)`, value: c.p50, unit: 'ms', baseline: base, target: { op: '<=', value: 15 } }),
    figure({ scenario: s, name: `claim latency, ${scaleQueued} queued, p99`, value: c.p99, unit: 'ms', baseline: base, target: { op: '<=', value: 50 } }),
    figure({ scenario: s, name: `server RSS with ${scaleAgents} polls and ${scaleQueued} queued, peak`, value: rss.peak, unit: 'MB', baseline: `${rss.start.toFixed(0)} MB at start`, target: { op: '<=', value: 200 } }),
  ];
}
