import autocannon from 'autocannon';

/**
 * Runs autocannon against one URL at a fixed overall rate and answers its latency percentiles (ms),
 * the rate it reached and how many requests failed or were not 2xx. Requests still open when the run
 * ends are not in the percentiles (so an overloaded server looks better than it is; the rate tells).
 */
export async function load({ url, rate, seconds, headers = {}, connections = 16 }) {
  const result = await autocannon({ url, connections, duration: seconds, overallRate: rate, headers });
  if (result.requests.total === 0) {
    // Nothing came back within the run: the latency is at least the run's length.
    const floor = seconds * 1000;
    return { p50: floor, p90: floor, p99: floor, max: floor, rate: 0, requests: 0, failed: result.errors + result.timeouts + result.non2xx, unanswered: true };
  }
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
