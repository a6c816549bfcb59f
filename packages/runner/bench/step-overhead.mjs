// Step-start overhead of the runner against a bare `sh -c true` spawn, measured in the same run.
// Build first (`npx tsc -b packages/runner`), then: node packages/runner/bench/step-overhead.mjs [iterations]
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHostExecutor, runJob } from '../dist/index.js';

const iterations = Number(process.argv[2] ?? 200);

function bareSpawn(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.resume();
    child.stderr.resume();
    child.once('error', reject);
    child.once('close', resolve);
  });
}

const job = (steps) => ({
  id: 'bench', key: 'bench', name: 'bench', needs: [], needsKeys: [], failFast: true, runsOn: [], services: [],
  env: {}, timeoutMs: 60_000, retry: { max: 0, when: [], exitCodes: [] }, continueOnError: false, artifacts: [],
  reports: { junit: [] }, outputs: {}, secrets: [],
  steps: steps.map((run, i) => ({ id: `s${i + 1}`, name: `s${i + 1}`, env: {}, continueOnError: false, run })),
});

async function runnerSteps(workspace, shell, count) {
  const planJob = job(Array.from({ length: count }, () => 'true'));
  if (shell === 'sh') for (const step of planJob.steps) step.shell = 'sh';
  const result = await runJob({
    job: planJob,
    executor: createHostExecutor(),
    workspace,
    context: { ritmo: { branch: 'main', sha: 'abc' } },
    secrets: { TOKEN: 'bench-secret-value' },
    signal: new AbortController().signal,
    onLog: () => {},
  });
  if (result.status !== 'success') throw new Error(`bench step failed: ${JSON.stringify(result)}`);
}

const cases = {
  'bare spawn sh -c true': () => bareSpawn('sh', ['-c', 'true']),
  'bare spawn bash -c true': () => bareSpawn('bash', ['--noprofile', '--norc', '-c', 'true']),
  'runJob, 1 step, shell: sh': (ws) => runnerSteps(ws, 'sh', 1),
  'runJob, 1 step, bash (default)': (ws) => runnerSteps(ws, 'bash', 1),
  'runJob, 10 steps (sh), per step': (ws) => runnerSteps(ws, 'sh', 10),
};
/** Cases whose time is divided by their step count. */
const divisors = { 'runJob, 10 steps (sh), per step': 10 };

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const workspace = await mkdtemp(join(tmpdir(), 'ritmo-bench-'));
try {
  const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (const fn of Object.values(cases)) for (let i = 0; i < 10; i++) await fn(workspace); // warm-up
  // Interleaved, so drift in machine load hits every case alike.
  for (let i = 0; i < iterations; i++) {
    for (const [name, fn] of Object.entries(cases)) {
      const start = performance.now();
      await fn(workspace);
      samples[name].push((performance.now() - start) / (divisors[name] ?? 1));
    }
  }
  const rows = Object.entries(samples).map(([name, values]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { name, p50: percentile(sorted, 50), p90: percentile(sorted, 90) };
  });
  const base = rows[0];
  console.log(`${iterations} iterations each, node ${process.version}`);
  for (const row of rows) {
    const over = row === base ? '' : `  (+${(row.p50 - base.p50).toFixed(2)} ms p50 over bare sh)`;
    console.log(`${row.name.padEnd(34)} p50 ${row.p50.toFixed(2).padStart(7)} ms   p90 ${row.p90.toFixed(2).padStart(7)} ms${over}`);
  }
} finally {
  await rm(workspace, { recursive: true, force: true });
}
