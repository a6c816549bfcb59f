import { join } from 'node:path';
import { isFinished, waitFor } from '../../../e2e/support/processes.mjs';
import { nowMs, serverMs, sleep } from '../lib/clock.mjs';
import { figure } from '../lib/figure.mjs';
import { pathTimestamps } from '../lib/path-timestamps.mjs';
import { median, stats } from '../lib/stats.mjs';
import { watchLines } from '../lib/watch-lines.mjs';

const WARM_UP = 5;
/** Pause after a build so the agent is back in its long-poll (idle) before the next trigger. */
const IDLE_GAP_MS = 100;

const fmt = (ms) => `${ms.toFixed(1)} ms`;

/** With --profile the server and agent log at info: split the path further with their log timestamps. */
function pathLines(stack, project, samples) {
  const path = pathTimestamps(stack.primary.output(), stack.agents[0].output(), `/api/v1/projects/${project}/builds`);
  const steps = { received: [], claimed: [], started: [], spawned: [] };
  for (const s of samples) {
    const received = path.received[s.index];
    const claimed = path.claimed.get(s.id);
    const started = path.started.get(s.id);
    if (received === undefined || claimed === undefined || started === undefined) continue;
    steps.received.push(received - s.t0);
    steps.claimed.push(claimed - received);
    steps.started.push(started - claimed);
    steps.spawned.push(s.tStep - started);
  }
  return [
    `- trigger sent → request received by the server: ${fmt(median(steps.received))}`,
    `- request received → job claimed (pipeline compiled, build stored, job queued, agent woken, claim query): ${fmt(median(steps.claimed))}`,
    `- job claimed → agent logs "job started" (steps created, build set running, payload and job token, answer, validation): ${fmt(median(steps.started))}`,
    `- agent "job started" → step process running (workspace, script file, spawn, bash start): ${fmt(median(steps.spawned))}`,
    `- (${steps.received.length} of ${samples.length} builds found in the logs)`,
  ];
}

/**
 * Sequential one-job builds on an idle agent. Latency = the step's own `$EPOCHREALTIME` (bash's
 * microsecond wall clock, read by the step's first command) minus the harness's wall clock taken just
 * before it sends the trigger request. The build's stored timestamps (ms) split the path.
 */
export async function measurePickup(ctx, stack, b) {
  const file = join(ctx.tmp, `pickup-${stack.db}.lines`);
  const pipeline = `jobs:\n  one:\n    steps:\n      - run: echo "$RITMO_BUILD_ID $EPOCHREALTIME" >> "${file}"\n`;
  const project = `pickup-${stack.db}`;
  const created = await stack.api('POST', '/api/v1/projects', { name: project, pipeline });
  if (created.status !== 201) throw new Error(`project: ${created.text}`);
  const lines = watchLines(file);
  const samples = [];
  try {
    for (let i = 0; i < WARM_UP + ctx.sizes.pickupBuilds; i++) {
      await sleep(IDLE_GAP_MS);
      const t0 = nowMs();
      const res = await stack.api('POST', `/api/v1/projects/${project}/builds`, {});
      const tAnswer = nowMs();
      if (res.status !== 201) throw new Error(`trigger: ${res.text}`);
      const id = res.json.id;
      const line = await lines.next((l) => l.startsWith(`${id} `));
      const tStep = Number(line.split(' ')[1]) * 1000;
      const done = await waitFor(() => stack.api('GET', `/api/v1/builds/${id}`).then((r) => r.json), isFinished, 30_000, `pickup build ${id}`, 10);
      if (done.status !== 'success') throw new Error(`pickup build ${id} ended ${done.status}`);
      if (i < WARM_UP) continue;
      const job = done.jobs[0];
      samples.push({
        id,
        index: i,
        t0,
        tStep,
        total: tStep - t0,
        answered: tAnswer - t0,
        queued: serverMs(job.queuedAt) - t0,
        claimed: serverMs(job.startedAt) - serverMs(job.queuedAt),
        spawned: tStep - serverMs(job.startedAt),
        reported: serverMs(job.steps[0].startedAt) - tStep,
      });
    }
  } finally {
    lines.close();
  }
  const s = stats(samples.map((x) => x.total));
  const floor = b.floor(stack.db);
  const base = `floor ${fmt(floor)} (2 hops + ${stack.db === 'postgres' ? 'PG round trip' : 'SQLite commit'} + spawn)`;
  const scenario = `pickup (${stack.db})`;
  const m = (key) => median(samples.map((x) => x[key]));
  ctx.finding(`pickup on ${stack.db}: the path, medians over ${samples.length} builds`, [
    `- trigger sent → the job's queuedAt stamp (build compiled and being stored; server clock, ms): ${fmt(m('queued'))}`,
    `- trigger sent → trigger answer back at the client: ${fmt(m('answered'))}`,
    `- job queued → job claimed by the agent (wake-up and claim, server clock): ${fmt(m('claimed'))}`,
    `- job claimed → step process running ($EPOCHREALTIME; payload to the agent, workspace, script, bash start): ${fmt(m('spawned'))}`,
    `- step running → the server has its "running" update: ${fmt(m('reported'))} (not part of pickup)`,
    `- floors measured in this run: HTTP round trip ${fmt(b.http.p50)}, ${stack.db === 'postgres' ? `PostgreSQL round trip ${fmt(b.pg.p50)}` : `SQLite commit ${fmt(b.sqlite.p50)}`}, spawn ${fmt(b.spawn.p50)}`,
  ]);
  if (ctx.options.profile) ctx.finding(`pickup on ${stack.db}: timestamps along the path (info logs, ms clocks), medians`, pathLines(stack, project, samples));
  return [
    figure({ scenario, name: `p50 over ${s.n} builds`, value: s.p50, unit: 'ms', baseline: base, target: { op: '<=', value: 15 } }),
    figure({ scenario, name: 'p90', value: s.p90, unit: 'ms', baseline: base }),
    figure({ scenario, name: 'p99', value: s.p99, unit: 'ms', baseline: base, target: { op: '<=', value: 50 } }),
    figure({ scenario, name: 'max', value: s.max, unit: 'ms', baseline: base }),
  ];
}
