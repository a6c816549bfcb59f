import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startNode } from '../../../e2e/support/processes.mjs';
import { nowMs, sleep } from '../lib/clock.mjs';
import { figure } from '../lib/figure.mjs';
import { load } from '../lib/load.mjs';
import { pgRoundTrips } from '../lib/postgres.mjs';
import { readRssMb } from '../lib/proc-stats.mjs';
import { stats } from '../lib/stats.mjs';

const LIB = join(import.meta.dirname, '..', 'lib');

function run(command, args, onStdout) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.on('data', onStdout ?? (() => undefined));
    child.once('error', reject);
    child.once('close', resolve);
  });
}

async function spawnTimes(count) {
  const times = [];
  for (let i = 0; i < count + 10; i++) {
    const start = performance.now();
    await run('sh', ['-c', 'true']);
    if (i >= 10) times.push(performance.now() - start);
  }
  return times;
}

/** The bare HTTP server: its start-to-first-answer time, idle RSS, round trips and its p99 at 1,000 req/s. */
async function bareHttp(ctx) {
  const start = nowMs();
  const proc = startNode(join(LIB, 'bare-server.mjs'), [], {}, { onStart: (p) => ctx.cleanup.track(p) });
  try {
    let url;
    while (!url) {
      url = /listening at (\S+)/.exec(proc.output())?.[1];
      if (proc.child.exitCode !== null) throw new Error(`the bare server exited: ${proc.output()}`);
      if (!url) await sleep(2);
    }
    await fetch(url).then((r) => r.arrayBuffer());
    const readyMs = nowMs() - start;
    const rtt = [];
    for (let i = 0; i < ctx.sizes.httpRequests + 50; i++) {
      const t = performance.now();
      await (await fetch(url)).arrayBuffer();
      if (i >= 50) rtt.push(performance.now() - t);
    }
    await sleep(500);
    const rssMb = readRssMb(proc.pid);
    const loaded = await load({ url, rate: 1000, seconds: Math.min(5, ctx.sizes.apiSeconds) });
    return { readyMs, rtt: stats(rtt), rssMb, loaded };
  } finally {
    await ctx.cleanup.kill(proc);
  }
}

/** One committed single-row transaction each, WAL with synchronous=FULL as the server runs SQLite. */
function sqliteCommits(dir, count) {
  const db = new Database(join(dir, 'baseline.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('create table t (id integer primary key, v text)');
    const insert = db.prepare('insert into t (v) values (?)');
    const times = [];
    for (let i = 0; i < count + 10; i++) {
      const t = performance.now();
      insert.run(`row ${i}`);
      if (i >= 10) times.push(performance.now() - t);
    }
    return times;
  } finally {
    db.close();
  }
}

/** A child process printing `bytes` of log lines into a pipe the harness drains: MB/s. */
async function pipeRate(bytes) {
  let got = 0;
  const start = performance.now();
  await run(process.execPath, [join(LIB, 'print-log.mjs'), String(bytes)], (d) => (got += d.length));
  return got / 1e6 / ((performance.now() - start) / 1000);
}

/** The physical floors every figure is compared with, measured in this run on this machine. */
export async function measureBaselines(ctx) {
  const spawnStats = stats(await spawnTimes(ctx.sizes.spawns));
  const http = await bareHttp(ctx);
  const pg = stats(await pgRoundTrips(ctx.sizes.httpRequests));
  const sqlite = stats(sqliteCommits(ctx.tmp, ctx.sizes.httpRequests));
  const pipeMBps = await pipeRate(ctx.sizes.logBytes);
  const b = { spawn: spawnStats, http: http.rtt, pg, sqlite, bareReadyMs: http.readyMs, bareRssMb: http.rssMb, bareLoad: http.loaded, pipeMBps };
  /** Pickup floor: trigger hop + a commit + the claim answer hop + a spawn. */
  b.floor = (db) => 2 * b.http.p50 + (db === 'postgres' ? b.pg.p50 : b.sqlite.p50) + b.spawn.p50;
  const s = 'baseline';
  const figures = [
    figure({ scenario: s, name: "spawn('sh', ['-c', 'true']) p50", value: spawnStats.p50, unit: 'ms', baseline: `p99 ${spawnStats.p99.toFixed(2)} ms` }),
    figure({ scenario: s, name: 'empty HTTP round trip, loopback, p50', value: http.rtt.p50, unit: 'ms', baseline: `p99 ${http.rtt.p99.toFixed(2)} ms` }),
    figure({ scenario: s, name: 'PostgreSQL SELECT 1 round trip p50', value: pg.p50, unit: 'ms', baseline: `p99 ${pg.p99.toFixed(2)} ms` }),
    figure({ scenario: s, name: 'SQLite commit (WAL, synchronous=FULL) p50', value: sqlite.p50, unit: 'ms', baseline: `p99 ${sqlite.p99.toFixed(2)} ms` }),
    figure({ scenario: s, name: 'bare HTTP server at 1,000 req/s, p99', value: http.loaded.p99, unit: 'ms', baseline: `${Math.round(http.loaded.rate)} req/s reached` }),
    figure({ scenario: s, name: 'pipe from a child process', value: pipeMBps, unit: 'MB/s', baseline: `${(ctx.sizes.logBytes / 1e6).toFixed(0)} MB of 100-byte lines` }),
    figure({ scenario: s, name: 'bare node HTTP server: spawn to first answer', value: http.readyMs, unit: 'ms', baseline: `idle RSS ${http.rssMb.toFixed(0)} MB` }),
  ];
  return { baselines: b, figures };
}
