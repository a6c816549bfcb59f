import { join } from 'node:path';
import { isFinished, waitFor } from '../../../e2e/support/processes.mjs';
import { nowMs, serverMs, sleep } from '../lib/clock.mjs';
import { figure } from '../lib/figure.mjs';
import { median, stats } from '../lib/stats.mjs';
import { watchLines } from '../lib/watch-lines.mjs';

/** A chain j01 -> j02 -> … of one-step jobs; each step stamps its start and end with $EPOCHREALTIME. */
function chain(length, file) {
  const jobs = Array.from({ length }, (_, i) => {
    const name = `j${String(i + 1).padStart(2, '0')}`;
    const needs = i === 0 ? '' : `    needs: [j${String(i).padStart(2, '0')}]\n`;
    const stamp = (what) => `echo "$RITMO_BUILD_ID ${name} ${what} $EPOCHREALTIME" >> "${file}"`;
    return `  ${name}:\n${needs}    steps:\n      - run: ${stamp('s')}; true; ${stamp('e')}\n`;
  });
  return `jobs:\n${jobs.join('')}`;
}

/**
 * DAG edge latency: per chain, (end of the last step − trigger sent − the steps' own time) / jobs, the
 * issue's definition (the first edge is the trigger's pickup); also each job→job edge on its own: the
 * next job's step start minus the previous job's step end.
 */
export async function measureDag(ctx, stack, b) {
  const length = ctx.sizes.dagLength;
  const file = join(ctx.tmp, `dag-${stack.db}.lines`);
  const project = `dag-${stack.db}`;
  const created = await stack.api('POST', '/api/v1/projects', { name: project, pipeline: chain(length, file) });
  if (created.status !== 201) throw new Error(`project: ${created.text}`);
  const lines = watchLines(file);
  const perEdge = [];
  const edges = [];
  const split = { completed: [], queued: [], claimed: [], spawned: [] };
  try {
    for (let c = 0; c < ctx.sizes.dagChains; c++) {
      await sleep(200);
      const t0 = nowMs();
      const res = await stack.api('POST', `/api/v1/projects/${project}/builds`, {});
      if (res.status !== 201) throw new Error(`trigger: ${res.text}`);
      const id = res.json.id;
      const stamps = [];
      for (let i = 0; i < length * 2; i++) {
        const [, name, what, at] = (await lines.next((l) => l.startsWith(`${id} `), 60_000)).split(' ');
        stamps.push({ name, what, at: Number(at) * 1000 });
      }
      const done = await waitFor(() => stack.api('GET', `/api/v1/builds/${id}`).then((r) => r.json), isFinished, 30_000, `chain ${id}`, 50);
      if (done.status !== 'success') throw new Error(`chain build ${id} ended ${done.status}`);
      const at = (name, what) => stamps.find((s) => s.name === name && s.what === what).at;
      const names = Array.from({ length }, (_, i) => `j${String(i + 1).padStart(2, '0')}`);
      const own = names.reduce((sum, n) => sum + (at(n, 'e') - at(n, 's')), 0);
      perEdge.push((at(names.at(-1), 'e') - t0 - own) / length);
      for (let i = 1; i < length; i++) edges.push(at(names[i], 's') - at(names[i - 1], 'e'));
      const jobs = new Map(done.jobs.map((j) => [j.name, j]));
      for (let i = 1; i < length; i++) {
        const prev = jobs.get(names[i - 1]);
        const next = jobs.get(names[i]);
        split.completed.push(serverMs(prev.finishedAt) - at(names[i - 1], 'e'));
        split.queued.push(serverMs(next.queuedAt) - serverMs(prev.finishedAt));
        split.claimed.push(serverMs(next.startedAt) - serverMs(next.queuedAt));
        split.spawned.push(at(names[i], 's') - serverMs(next.startedAt));
      }
    }
  } finally {
    lines.close();
  }
  const e = stats(edges);
  const m = (key) => `${median(split[key]).toFixed(1)} ms`;
  ctx.finding(`DAG edge on ${stack.db}: one job → the next, medians over ${edges.length} edges (server stamps in ms)`, [
    `- step ends → the job's finishedAt (step result and log sent, complete accepted): ${m('completed')}`,
    `- job finished → the next job's queuedAt (the build advanced): ${m('queued')}`,
    `- next job queued → claimed: ${m('claimed')}`,
    `- claimed → its step process running: ${m('spawned')}`,
  ]);
  const scenario = `DAG edge (${stack.db})`;
  const base = `floor ${b.floor(stack.db).toFixed(1)} ms`;
  const mean = perEdge.reduce((a, x) => a + x, 0) / perEdge.length;
  return [
    figure({ scenario, name: `per edge, chain of ${length} (${perEdge.length} run${perEdge.length > 1 ? 's' : ''})`, value: mean, unit: 'ms', baseline: base, target: { op: '<=', value: 10 } }),
    figure({ scenario, name: `job end → next step start, p50 of ${e.n}`, value: e.p50, unit: 'ms', baseline: base, target: { op: '<=', value: 10 } }),
    figure({ scenario, name: 'job end → next step start, max', value: e.max, unit: 'ms', baseline: base }),
  ];
}
