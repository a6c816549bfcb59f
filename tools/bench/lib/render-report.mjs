import { formatTarget, formatValue } from './figure.mjs';
import { METHODS } from './methods.mjs';

const MARK = { met: 'met', missed: 'MISSED', info: 'info', error: 'ERROR' };

function columns(f) {
  return [f.scenario, f.name, formatValue(f.value, f.unit), f.baseline, formatTarget(f), MARK[f.status]];
}

const HEAD = ['scenario', 'figure', 'value', 'baseline (same run)', 'target', 'result'];

/** The figures as a fixed-width table for the terminal. */
export function renderTable(figures) {
  const rows = [HEAD, ...figures.map(columns)];
  const widths = HEAD.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

const cell = (text) => String(text).replaceAll('|', '\\|');

/** docs/benchmarks.md: machine, date, the table, where the time goes, and how each figure is measured. */
export function renderMarkdown({ machine, mode, startedAt, durationS, figures, findings, errors }) {
  const met = figures.filter((f) => f.status === 'met').length;
  const missed = figures.filter((f) => f.status === 'missed').length;
  const out = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (tools/bench): real server and agent processes of the built apps on',
    'loopback, SQLite and PostgreSQL, measured against baselines taken in the same run. Machines are noisy;',
    'a missed target is a finding, never a failure of the harness. Rerun with `npm run bench` (10 to 15',
    'minutes on 2 cores), `npm run bench -- --quick` (under 2 minutes), `--profile` for CPU profiles.',
    '',
    `- date: ${startedAt.toISOString()} (${mode} run, ${Math.round(durationS)} s)`,
    `- machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB memory, ${machine.os}`,
    `- Node ${machine.node}, PostgreSQL ${machine.postgres}, SQLite ${machine.sqlite}`,
    `- load average (1 min) at the start ${machine.loadStart.toFixed(1)}, at the end ${machine.loadEnd.toFixed(1)} (other work on the machine shows here)`,
    `- targets: ${met} met, ${missed} missed`,
    '',
    `| ${HEAD.join(' | ')} |`,
    `|${HEAD.map(() => '---').join('|')}|`,
    ...figures.map((f) => `| ${columns(f).map(cell).join(' | ')} |`),
    '',
  ];
  if (errors.length > 0) out.push('## Errors', '', ...errors.map((e) => `- ${e}`), '');
  if (findings.length > 0) out.push('## Where the time goes', '');
  for (const { scenario, lines } of findings) out.push(`### ${scenario}`, '', ...lines, '');
  out.push('## How each figure is measured', '', ...METHODS, '');
  return out.join('\n');
}
