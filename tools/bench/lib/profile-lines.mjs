const pct = (share) => `${(share * 100).toFixed(1)}%`;

/** Markdown lines for one side's CPU profile summary (see cpu-profile.mjs). */
export function profileLines(label, summary) {
  if (!summary || summary.files === 0) return [`- ${label}: no CPU profile was written.`];
  const lines = [
    `- ${label}: ${summary.files} profile(s), busy ${(summary.busyMs / 1000).toFixed(1)} s of ${(summary.totalMs / 1000).toFixed(1)} s sampled. By package: ${summary.modules
      .slice(0, 8)
      .map((m) => `${m.name} ${pct(m.share)}`)
      .join(', ')}.`,
    '',
    '  | self time | share of busy | function |',
    '  |---:|---:|---|',
    ...summary.functions.map((f) => `  | ${f.ms.toFixed(0)} ms | ${pct(f.share)} | \`${f.name}\` |`),
    '',
    '  | inclusive time | share of busy | own function (with what it calls) |',
    '  |---:|---:|---|',
    ...summary.inclusive.map((f) => `  | ${f.ms.toFixed(0)} ms | ${pct(f.share)} | \`${f.name}\` |`),
    '',
  ];
  return lines;
}
