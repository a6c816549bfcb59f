// `npm run bench [-- --quick] [--profile] [--only a,b]`: starts the built server and agents as real
// processes on loopback, measures the scenarios of docs/benchmarks.md against baselines taken in the same
// run, prints the table and (for a full run) writes docs/benchmarks.md. Exits non-zero only on an error.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from '../../e2e/support/processes.mjs';
import { createCleanup } from './lib/create-cleanup.mjs';
import { describeMachine } from './lib/describe-machine.mjs';
import { figure } from './lib/figure.mjs';
import { parseOptions } from './lib/parse-options.mjs';
import { pgAvailable } from './lib/postgres.mjs';
import { renderMarkdown, renderTable } from './lib/render-report.mjs';
import { apiLoad } from './scenarios/api-load.mjs';
import { measureBaselines } from './scenarios/baselines.mjs';
import { footprint } from './scenarios/footprint.mjs';
import { latency } from './scenarios/latency.mjs';
import { logs } from './scenarios/logs.mjs';
import { scale } from './scenarios/scale.mjs';
import { throughput } from './scenarios/throughput.mjs';

/** Scenario runners in order; `latency` measures both pickup and dag on one stack per database. */
const RUNNERS = [
  [['pickup', 'dag'], latency],
  [['throughput'], throughput],
  [['logs'], logs],
  [['api'], apiLoad],
  [['footprint'], footprint],
  [['scale'], scale],
];

const message = (e) => (e instanceof Error ? e.message : String(e));

async function main() {
  const startedAt = new Date();
  const options = parseOptions(process.argv.slice(2));
  const cleanup = createCleanup();
  const tmp = cleanup.dir(await mkdtemp(join(tmpdir(), 'ritmo-bench-')));
  const log = (text) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}\n`);
  const findings = [];
  const ctx = { options, sizes: options.sizes, cleanup, tmp, log, finding: (scenario, lines) => findings.push({ scenario, lines }) };
  let stopping = false;
  const onSignal = (signal) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping every process the harness started`);
    void cleanup.run().finally(() => process.exit(130));
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  const figures = [];
  const errors = [];
  let machine;
  try {
    await ensureBuilt();
    if (!(await pgAvailable())) throw new Error('PostgreSQL does not answer at 127.0.0.1:5432 (user postgres, trust authentication)');
    machine = await describeMachine();
    log(`${options.quick ? 'quick' : 'full'} run on ${machine.cpus} cores, Node ${machine.node}; baselines…`);
    const { baselines, figures: base } = await measureBaselines(ctx);
    figures.push(...base);
    for (const [names, runner] of RUNNERS) {
      if (!names.some((n) => options.only.has(n))) continue;
      log(`${names.join(' + ')}…`);
      const began = Date.now();
      try {
        figures.push(...(await runner(ctx, baselines)));
        log(`${names.join(' + ')} took ${Math.round((Date.now() - began) / 1000)} s`);
      } catch (e) {
        errors.push(`${names.join(' + ')}: ${message(e)}`);
        figures.push(figure({ scenario: names.join(' + '), name: 'scenario failed (see errors)', value: Number.NaN, unit: '' }));
        log(`${names.join(' + ')} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
    }
  } catch (e) {
    errors.push(message(e));
    log(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  } finally {
    errors.push(...(await cleanup.run()).map((m) => `clean-up: ${m}`));
  }
  if (stopping) return 130;

  const durationS = (Date.now() - startedAt.getTime()) / 1000;
  if (machine) machine.loadEnd = loadavg()[0];
  process.stdout.write(`\n${renderTable(figures)}\n`);
  for (const { scenario, lines } of findings) process.stdout.write(`\n## ${scenario}\n${lines.join('\n')}\n`);
  if (errors.length > 0) process.stdout.write(`\nerrors:\n${errors.map((e) => `- ${e}`).join('\n')}\n`);
  if (options.write && machine) {
    const doc = renderMarkdown({ machine, mode: options.quick ? 'quick' : 'full', startedAt, durationS, figures, findings, errors });
    await writeFile(join(ROOT, 'docs', 'benchmarks.md'), doc);
    log('wrote docs/benchmarks.md');
  } else {
    log('docs/benchmarks.md left as it is (a quick or partial run; --write to write it anyway)');
  }
  log(`done in ${Math.round(durationS)} s`);
  return errors.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`bench: ${message(e)}\n`);
    process.exit(2);
  },
);
