import autocannon from 'autocannon';

/**
 * Runs autocannon against one URL at a fixed overall rate and answers its latency percentiles (ms),
 * the rate it reached and how many requests failed or were not 2xx.
 */
export async function load({ url, rate, seconds, headers = {}, connections = 16 }) {
  const result = await autocannon({ url, connections, duration: seconds, overallRate: rate, headers });
  return {
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    rate: result.requests.total / seconds,
    requests: result.requests.total,
    failed: result.errors + result.timeouts + result.non2xx,
  };
}
