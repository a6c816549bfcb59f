export interface ChartSeries {
  label: string;
  /** A Tailwind stroke class, e.g. `stroke-sky-500`. */
  className: string;
  /** One value per x label; null leaves a gap. */
  values: readonly (number | null)[];
}

const W = 600;
const H = 180;
const PAD = { left: 56, right: 8, top: 8, bottom: 22 };

/** Splits a series into runs of consecutive points, so missing days break the line. */
function segments(values: readonly (number | null)[], x: (i: number) => number, y: (v: number) => number): string[] {
  const out: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) out.push(current.join(' '));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (current.length) out.push(current.join(' '));
  return out;
}

/**
 * A small line chart in inline SVG: one line per series over the x labels, a zero-based y axis with
 * its top value, and a dot on every point (so single-day values show). `format` writes y values.
 */
export function LineChart({ title, labels, series, format, max }: { title: string; labels: readonly string[]; series: readonly ChartSeries[]; format: (v: number) => string; max?: number }) {
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const top = max ?? Math.max(1, ...all);
  const n = Math.max(1, labels.length - 1);
  const x = (i: number) => PAD.left + (i / n) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - v / top) * (H - PAD.top - PAD.bottom);
  const ticks = labels.length <= 1 ? [0] : [0, Math.floor((labels.length - 1) / 2), labels.length - 1];
  return (
    <figure className="card" data-testid="chart" aria-label={title}>
      <figcaption className="mb-1 flex flex-wrap items-center justify-between gap-2 text-sm">
        <span className="font-medium">{title}</span>
        <span className="flex gap-3">
          {series.map((s) => (
            <span key={s.label} className="flex items-center gap-1 text-xs">
              <svg width="14" height="4" aria-hidden="true"><line x1="0" y1="2" x2="14" y2="2" className={s.className} strokeWidth="3" /></svg>
              {s.label}
            </span>
          ))}
        </span>
      </figcaption>
      {all.length === 0 ? (
        <p className="muted text-sm">No data in this period.</p>
      ) : (
        <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={`${title} chart`}>
          <line x1={PAD.left} y1={y(0)} x2={W - PAD.right} y2={y(0)} className="stroke-slate-300 dark:stroke-slate-600" />
          <line x1={PAD.left} y1={y(top)} x2={W - PAD.right} y2={y(top)} className="stroke-slate-200 dark:stroke-slate-700" strokeDasharray="4 4" />
          <text x={PAD.left - 4} y={y(top) + 4} textAnchor="end" className="fill-slate-500 text-[10px]">{format(top)}</text>
          <text x={PAD.left - 4} y={y(0)} textAnchor="end" className="fill-slate-500 text-[10px]">{format(0)}</text>
          {ticks.map((i) => (
            <text key={i} x={x(i)} y={H - 6} textAnchor="middle" className="fill-slate-500 text-[10px]">{labels[i]?.slice(5)}</text>
          ))}
          {series.map((s) => (
            <g key={s.label} data-series={s.label}>
              {segments(s.values, x, y).map((points) => (
                <polyline key={points} points={points} fill="none" className={s.className} strokeWidth="2" />
              ))}
              {s.values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r="2" className={s.className} strokeWidth="2" fill="none"><title>{`${labels[i]}: ${format(v)}`}</title></circle>))}
            </g>
          ))}
        </svg>
      )}
    </figure>
  );
}
