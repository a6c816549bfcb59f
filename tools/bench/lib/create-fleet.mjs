import { randomBytes } from 'node:crypto';
import { nowMs } from './clock.mjs';

/** Resolves after `ms` or as soon as `signal` aborts. */
function abortableSleep(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

const requestId = () => `req_${randomBytes(12).toString('base64url')}`;

async function post(url, token, body, signal) {
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${url}: HTTP ${res.status} ${text.slice(0, 200)}`);
  return res.status === 204 || text === '' ? null : JSON.parse(text);
}

/**
 * Many agents simulated in the harness: each speaks the agent API the way the agent does for a job
 * (long-poll claim, first heartbeat, complete) without running anything. `run` loops every agent until
 * `pause`; `onClaim` sees each answered claim with its latency (request sent → job payload back).
 */
export function createFleet({ url, registrationToken, count, prefix = 'sim' }) {
  const agents = [];
  let controller;
  let loops = [];

  const runAgent = async (agent, options, signal) => {
    if (options.staggerMs) await abortableSleep(Math.random() * options.staggerMs, signal);
    while (!signal.aborted) {
      const sent = nowMs();
      let payload;
      try {
        payload = await post(`${url}/api/v1/agent/claim`, agent.token, { requestId: requestId(), slots: 1, waitMs: 30_000 }, signal);
      } catch (e) {
        if (signal.aborted) return;
        throw e;
      }
      if (payload === null) continue;
      const answered = nowMs();
      options.onClaim?.({ payload, sent, answered, ms: answered - sent });
      const lease = { attempt: payload.attempt, leaseToken: payload.leaseToken };
      try {
        await post(`${url}/api/v1/agent/heartbeat`, agent.token, { running: [{ jobId: payload.jobId, ...lease, logOffset: 0 }], draining: false }, signal);
        if (options.holdMs) await abortableSleep(options.holdMs * (0.5 + Math.random()), signal);
        if (signal.aborted) return; // a paused fleet leaves the job to its lease
        await post(`${url}/api/v1/agent/jobs/${payload.jobId}/complete`, payload.jobToken, { ...lease, status: 'success', exitCode: 0, outputs: {}, reason: null }, signal);
      } catch (e) {
        if (signal.aborted) return;
        throw e;
      }
    }
  };

  return {
    agents,
    /** Registers every agent, ten at a time. */
    async register() {
      for (let i = 0; i < count; i += 10) {
        const batch = Array.from({ length: Math.min(10, count - i) }, (_, j) =>
          post(`${url}/api/v1/agent/register`, registrationToken, { name: `${prefix}-${i + j + 1}`, labels: [], capacity: 1, version: 'bench', executor: 'dummy', ephemeral: false }),
        );
        for (const r of await Promise.all(batch)) agents.push({ id: r.agentId, token: r.token });
      }
    },
    /** Starts every agent's loop: `holdMs` is the mean simulated job time, `staggerMs` spreads the first claims. */
    run(options = {}) {
      controller = new AbortController();
      const signal = controller.signal;
      loops = agents.map((a) => runAgent(a, options, signal));
      // A failing agent loop is an error of the run; surface it at `pause`.
      for (const loop of loops) loop.catch(() => undefined);
    },
    /** Aborts the held claims and waits for every loop to stop; rethrows the first failure. */
    async pause() {
      controller?.abort();
      const results = await Promise.allSettled(loops);
      loops = [];
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}
