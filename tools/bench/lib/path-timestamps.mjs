/**
 * Timestamps along the pickup path from the info logs of the server (pino JSON, ms) and of the agent
 * (`<ISO time> INFO  job started … buildId=…`): when each trigger request came in (in order), and per
 * build when the server claimed its job for the agent and when the agent started it.
 */
export function pathTimestamps(serverOutput, agentOutput, triggerPath) {
  const received = [];
  const claimed = new Map();
  for (const line of serverOutput.split('\n')) {
    if (!line.startsWith('{')) continue;
    let e;
    try {
      e = JSON.parse(line);
    } catch {
      continue; // a partial line at the end
    }
    if (e.msg === 'incoming request' && e.req?.method === 'POST' && e.req.url === triggerPath) received.push(e.time);
    else if (e.msg === 'job claimed') claimed.set(e.buildId, e.time);
  }
  const started = new Map();
  for (const line of agentOutput.split('\n')) {
    const m = /^(\S+) INFO\s+job started .*buildId=(\S+)/.exec(line);
    if (m) started.set(m[2], Date.parse(m[1]));
  }
  return { received, claimed, started };
}
