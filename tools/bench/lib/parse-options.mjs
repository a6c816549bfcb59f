import { parseArgs } from 'node:util';

export const SCENARIOS = ['baselines', 'pickup', 'dag', 'throughput', 'logs', 'api', 'footprint', 'scale'];

/** Sizes of the full run and of `--quick`. */
const SIZES = {
  full: { spawns: 200, httpRequests: 2000, pickupBuilds: 200, dagChains: 3, dagLength: 20, throughputJobs: 2000, logBytes: 200_000_000, apiSeconds: 10, scaleQueued: 10_000, scaleAgents: 100, scaleSeconds: 15, scaleWakes: 20, idleSettleMs: 3000, upStarts: 2 },
  quick: { spawns: 50, httpRequests: 300, pickupBuilds: 15, dagChains: 1, dagLength: 20, throughputJobs: 100, logBytes: 20_000_000, apiSeconds: 3, scaleQueued: 1000, scaleAgents: 100, scaleSeconds: 3, scaleWakes: 5, idleSettleMs: 1000, upStarts: 1 },
};

const USAGE = `usage: npm run bench -- [--quick] [--profile] [--only a,b] [--write | --no-write]
  --quick     a reduced run (under 2 minutes); leaves docs/benchmarks.md alone unless --write
  --profile   runs servers and agents under node --cpu-prof and prints the top self-time functions
  --only      scenarios to run: ${SCENARIOS.join(', ')} (docs/benchmarks.md is then left alone)
`;

/** Reads the harness flags; throws with the usage on a bad one. */
export function parseOptions(argv) {
  let values;
  try {
    values = parseArgs({ args: argv, strict: true, options: { quick: { type: 'boolean' }, profile: { type: 'boolean' }, only: { type: 'string' }, write: { type: 'boolean' }, 'no-write': { type: 'boolean' }, help: { type: 'boolean' } } }).values;
  } catch (e) {
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const only = values.only === undefined ? SCENARIOS : values.only.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only.filter((s) => !SCENARIOS.includes(s));
  if (unknown.length > 0) throw new Error(`unknown scenario(s): ${unknown.join(', ')}\n${USAGE}`);
  const quick = values.quick === true;
  const complete = only.length === SCENARIOS.length;
  const write = values['no-write'] ? false : (values.write ?? (complete && !quick));
  return { quick, profile: values.profile === true, only: new Set(only), write, sizes: quick ? SIZES.quick : SIZES.full };
}
