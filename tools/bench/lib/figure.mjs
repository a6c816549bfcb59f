/**
 * One measured figure of the table. `target` is `{ op: '<=' | '>=', value }` in the figure's unit, or
 * undefined for figures reported without one; `baseline` is text (what the physical floor measured).
 */
export function figure({ scenario, name, value, unit, baseline = '', target, detail = '' }) {
  let status = 'info';
  if (!Number.isFinite(value)) status = 'error';
  else if (target) status = (target.op === '<=' ? value <= target.value : value >= target.value) ? 'met' : 'missed';
  return { scenario, name, value, unit, baseline, target, status, detail };
}

/** A number in a unit, with sensible precision. */
export function formatValue(value, unit) {
  if (!Number.isFinite(value)) return 'n/a';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`.trim();
}

export const formatTarget = (f) => (f.target ? `${f.target.op === '<=' ? '≤' : '≥'} ${formatValue(f.target.value, f.unit)}` : '—');
