import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CLI_MAIN, startNode } from '../../../e2e/support/processes.mjs';
import { nowMs, sleep } from '../lib/clock.mjs';
import { figure } from '../lib/figure.mjs';
import { readRssMb } from '../lib/proc-stats.mjs';
import { startStack } from '../lib/start-stack.mjs';

const TOKEN = 'ritmo_bench_up_admin_token_0123456789';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function until(what, check, timeoutMs, proc) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return nowMs();
    if (proc.child.exitCode !== null) throw new Error(`ritmo up exited before ${what}:\n${proc.output().slice(-2000)}`);
    if (Date.now() > deadline) throw new Error(`ritmo up: no ${what} within ${timeoutMs} ms:\n${proc.output().slice(-2000)}`);
    await sleep(10);
  }
}

/** `ritmo up` in `dataDir`: ms until /readyz answers 200 and until its local agent is online. */
async function timeUp(ctx, dataDir) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { RITMO_PORT: String(port), RITMO_HOST: '127.0.0.1', RITMO_DATA_DIR: dataDir, RITMO_ADMIN_TOKEN: TOKEN, RITMO_LOG_LEVEL: 'warn' };
  const t0 = nowMs();
  const proc = startNode(CLI_MAIN, ['up'], env, { onStart: (p) => ctx.cleanup.track(p) });
  try {
    const ready = await until('ready', async () => (await fetch(`${url}/readyz`)).ok, 60_000, proc);
    const online = async () => {
      const res = await fetch(`${url}/api/v1/agents`, { headers: { authorization: `Bearer ${TOKEN}` } });
      return res.ok && (await res.json()).items.some((a) => a.status === 'online');
    };
    const agent = await until('online agent', online, 60_000, proc);
    return { ready: ready - t0, agent: agent - t0 };
  } finally {
    await ctx.cleanup.kill(proc); // by PID with its server and agent; shutdown is not measured
  }
}

/**
 * Idle RSS of a server (SQLite, and PostgreSQL) and of an agent a few seconds after they started, and
 * the time from spawning `ritmo up` until /readyz answers and until its local agent is online, on a fresh
 * data directory (first start: migrations, admin) and again on the same one.
 */
export async function footprint(ctx, b) {
  const rss = {};
  for (const db of ['sqlite', 'postgres']) {
    const stack = await startStack(ctx, { name: `idle-${db}`, db, agents: db === 'sqlite' ? 1 : 0, executor: 'host' });
    try {
      await sleep(ctx.sizes.idleSettleMs);
      rss[db] = readRssMb(stack.primary.pid);
      if (db === 'sqlite') rss.agent = readRssMb(stack.agents[0].pid);
    } finally {
      await stack.stop();
    }
  }
  const dataDir = ctx.cleanup.dir(await mkdtemp(join(ctx.tmp, 'up-')));
  const first = await timeUp(ctx, join(dataDir, '.ritmo'));
  const again = ctx.sizes.upStarts > 1 ? await timeUp(ctx, join(dataDir, '.ritmo')) : undefined;
  const s = 'footprint';
  const rssBase = `bare node server ${b.bareRssMb.toFixed(0)} MB`;
  const upBase = `bare node server ${b.bareReadyMs.toFixed(0)} ms`;
  return [
    figure({ scenario: s, name: 'server idle RSS (SQLite)', value: rss.sqlite, unit: 'MB', baseline: rssBase, target: { op: '<=', value: 200 } }),
    figure({ scenario: s, name: 'server idle RSS (PostgreSQL)', value: rss.postgres, unit: 'MB', baseline: rssBase, target: { op: '<=', value: 200 } }),
    figure({ scenario: s, name: 'agent idle RSS (host executor)', value: rss.agent, unit: 'MB', baseline: rssBase, target: { op: '<=', value: 200 } }),
    figure({ scenario: s, name: '`ritmo up` → ready, first start', value: first.ready, unit: 'ms', baseline: upBase }),
    figure({ scenario: s, name: '`ritmo up` → local agent online, first start', value: first.agent, unit: 'ms', baseline: upBase }),
    ...(again
      ? [
          figure({ scenario: s, name: '`ritmo up` → ready, second start', value: again.ready, unit: 'ms', baseline: upBase }),
          figure({ scenario: s, name: '`ritmo up` → local agent online, second start', value: again.agent, unit: 'ms', baseline: upBase }),
        ]
      : []),
  ];
}
