import { join } from 'node:path';
import { ADMIN_TOKEN } from '../../../e2e/support/processes.mjs';
import { nowMs, sleep } from '../lib/clock.mjs';
import { figure } from '../lib/figure.mjs';
import { followSse } from '../lib/follow-sse.mjs';
import { profileLines } from '../lib/profile-lines.mjs';
import { startRssSampler } from '../lib/proc-stats.mjs';
import { startStack } from '../lib/start-stack.mjs';
import { stats } from '../lib/stats.mjs';

const PRINT_LOG = join(import.meta.dirname, '..', 'lib', 'print-log.mjs');

/** Lag of every line of a log.lines event: arrival minus the time stamped in the line when it was printed. */
function lineLags(text, receivedAt, into) {
  let first = Number.NaN;
  let last = Number.NaN;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const a = text.indexOf(' ', start);
    const b = text.indexOf(' ', a + 1);
    const printed = Number(text.slice(a + 1, b));
    if (Number.isFinite(printed)) {
      into.push(receivedAt - printed);
      if (Number.isNaN(first)) first = printed;
      last = printed;
    }
    start = end + 1;
  }
  return { first, last };
}

async function runOnce(ctx, db) {
  const bytes = ctx.sizes.logBytes;
  const stack = await startStack(ctx, { name: `logs-${db}`, db, agents: 1, executor: 'host', capacity: 1, profile: ctx.options.profile });
  const sampler = startRssSampler([stack.primary.pid, stack.agents[0].pid]);
  let result;
  try {
    const pipeline = `jobs:\n  big:\n    steps:\n      - run: '"${process.execPath}" "${PRINT_LOG}" ${bytes}'\n`;
    const created = await stack.api('POST', '/api/v1/projects', { name: 'logs', pipeline });
    if (created.status !== 201) throw new Error(`project: ${created.text}`);
    const res = await stack.api('POST', '/api/v1/projects/logs/builds', {});
    if (res.status !== 201) throw new Error(`trigger: ${res.text}`);
    const id = res.json.id;
    const lags = [];
    let subscribedAt = Number.NaN;
    let firstPrinted = Number.NaN;
    let lastPrinted = Number.NaN;
    let received = 0;
    let stored = Number.NaN;
    const stop = new AbortController();
    const following = followSse(`${stack.url}/api/v1/builds/${id}/events`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      signal: stop.signal,
      onEvent(type, data, at) {
        if (Number.isNaN(subscribedAt)) subscribedAt = at;
        if (type === 'build.finished') stop.abort();
        if (type !== 'log.lines') return;
        received += Buffer.byteLength(data.text);
        const span = lineLags(data.text, at, lags);
        if (Number.isNaN(firstPrinted)) firstPrinted = span.first;
        if (Number.isFinite(span.last)) lastPrinted = span.last;
      },
    });
    const deadline = Date.now() + 30 * 60_000;
    while (Number.isNaN(stored)) {
      const build = (await stack.api('GET', `/api/v1/builds/${id}`)).json;
      const job = build?.jobs?.[0];
      if (job && job.logSize >= bytes) stored = nowMs();
      else if (job && ['failure', 'canceled'].includes(job.status)) throw new Error(`the logs job ended ${job.status}`);
      else if (Date.now() > deadline) throw new Error('the log was not stored within 30 minutes');
      else await sleep(100);
    }
    const timer = setTimeout(() => stop.abort(), 120_000);
    await following;
    clearTimeout(timer);
    const seconds = (stored - firstPrinted) / 1000;
    result = { seconds, rate: bytes / 1e6 / seconds, printSeconds: (lastPrinted - firstPrinted) / 1000, lag: stats(lags), received, subscribedEarly: subscribedAt < firstPrinted };
  } finally {
    const peaks = sampler.stop();
    result = result && { ...result, serverRss: peaks.get(stack.primary.pid), agentRss: peaks.get(stack.agents[0].pid) };
    const profile = await stack.stop();
    if (profile) ctx.finding(`CPU profile: logs on ${db}`, [...profileLines('server', profile.server), ...profileLines('agent', profile.agent)]);
  }
  return result;
}

/**
 * One step printing 200 MB of 100-byte lines, each stamped with the time it was printed: how fast the
 * log is stored (first line printed → the job's logSize reaches every byte), the lag of every line to
 * a live SSE subscriber, and the peak RSS of the server and of the agent meanwhile.
 */
export async function logs(ctx, b) {
  const figures = [];
  const mb = ctx.sizes.logBytes / 1e6;
  for (const db of ctx.options.quick ? ['sqlite'] : ['sqlite', 'postgres']) {
    ctx.log(`logs: ${mb} MB on ${db}…`);
    const r = await runOnce(ctx, db);
    const scenario = `logs (${db})`;
    figures.push(
      figure({ scenario, name: `${mb} MB stored (first line printed → all stored)`, value: r.rate, unit: 'MB/s', baseline: `pipe ${b.pipeMBps.toFixed(0)} MB/s`, target: { op: '>=', value: 100 } }),
      figure({ scenario, name: 'time until stored', value: r.seconds, unit: 's', baseline: `pipe alone ${(mb / b.pipeMBps).toFixed(1)} s` }),
      figure({ scenario, name: `live SSE lag p99 (${r.lag.n} lines)`, value: r.lag.p99, unit: 'ms', baseline: `HTTP round trip p99 ${b.http.p99.toFixed(1)} ms`, target: { op: '<=', value: 100 } }),
      figure({ scenario, name: 'live SSE lag p50', value: r.lag.p50, unit: 'ms', baseline: `HTTP round trip p50 ${b.http.p50.toFixed(1)} ms` }),
      figure({ scenario, name: 'server peak RSS', value: r.serverRss, unit: 'MB', baseline: `bare node server ${b.bareRssMb.toFixed(0)} MB`, target: { op: '<=', value: 200 } }),
      figure({ scenario, name: 'agent peak RSS', value: r.agentRss, unit: 'MB', baseline: `bare node server ${b.bareRssMb.toFixed(0)} MB`, target: { op: '<=', value: 200 } }),
    );
    ctx.finding(`logs on ${db}`, [
      `- the step printed ${mb} MB in ${r.printSeconds.toFixed(1)} s (it blocks when the agent does not drain its pipe); all of it was stored ${r.seconds.toFixed(1)} s after its first line`,
      `- the SSE subscriber received ${(r.received / 1e6).toFixed(0)} MB live${r.subscribedEarly ? '' : ' (it subscribed after the first line, so early lines count a backlog)'}; lag p50 ${r.lag.p50.toFixed(0)} ms, p99 ${r.lag.p99.toFixed(0)} ms, max ${r.lag.max.toFixed(0)} ms`,
    ]);
  }
  return figures;
}
