import type { Analytics } from '@ritmo/client';
import { formatMs } from '../../lib/format';
import { LineChart } from './line-chart';

const percent = (v: number) => `${Math.round(v * 100)}%`;
const orDash = (v: number | null, f: (n: number) => string) => (v === null ? '–' : f(v));

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="card">
      <p className="muted text-xs">{label}</p>
      <p className="text-xl font-semibold">{value}</p>
    </div>
  );
}

/** The analytics of one answer: totals, daily charts, slowest jobs and flaky tests. */
export function AnalyticsCharts({ data }: { data: Analytics }) {
  const labels = data.daily.map((d) => d.day);
  const { totals } = data;
  return (
    <div className="space-y-4" data-testid="analytics">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="analytics-totals">
        <Stat label="Builds" value={String(totals.builds)} />
        <Stat label="Success rate" value={orDash(totals.successRate, percent)} />
        <Stat label="Duration p50 / p95" value={`${orDash(totals.durationP50Ms, formatMs)} / ${orDash(totals.durationP95Ms, formatMs)}`} />
        <Stat label="Queue wait p50 / p95" value={`${orDash(totals.queueWaitP50Ms, formatMs)} / ${orDash(totals.queueWaitP95Ms, formatMs)}`} />
      </div>
      <div className="grid gap-3 lg:grid-cols-2">
        <LineChart
          title="Build duration"
          labels={labels}
          format={formatMs}
          series={[
            { label: 'p50', className: 'stroke-sky-500', values: data.daily.map((d) => d.durationP50Ms) },
            { label: 'p95', className: 'stroke-amber-500', values: data.daily.map((d) => d.durationP95Ms) },
          ]}
        />
        <LineChart title="Success rate" labels={labels} format={percent} max={1} series={[{ label: 'success', className: 'stroke-green-600', values: data.daily.map((d) => d.successRate) }]} />
        <LineChart
          title="Queue wait"
          labels={labels}
          format={formatMs}
          series={[
            { label: 'p50', className: 'stroke-sky-500', values: data.daily.map((d) => d.queueWaitP50Ms) },
            { label: 'p95', className: 'stroke-amber-500', values: data.daily.map((d) => d.queueWaitP95Ms) },
          ]}
        />
      </div>
      <section className="card overflow-x-auto" aria-labelledby="slow-h">
        <h2 id="slow-h" className="mb-2 font-semibold">Slowest jobs</h2>
        {data.slowestJobs.length === 0 ? <p className="muted text-sm">No jobs ran in this period.</p> : (
          <table className="w-full text-left text-sm" data-testid="slowest-jobs">
            <thead><tr><th>Project</th><th>Job</th><th>Runs</th><th>p50</th><th>Longest</th></tr></thead>
            <tbody>
              {data.slowestJobs.map((j) => (
                <tr key={`${j.project}/${j.job}`}><td>{j.project}</td><td>{j.job}</td><td>{j.runs}</td><td>{formatMs(j.p50Ms)}</td><td>{formatMs(j.maxMs)}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card overflow-x-auto" aria-labelledby="flaky-h">
        <h2 id="flaky-h" className="mb-2 font-semibold">Flaky tests</h2>
        {data.flakyTests.length === 0 ? <p className="muted text-sm">No test both passed and failed on the same commit in this period.</p> : (
          <table className="w-full text-left text-sm" data-testid="flaky-tests">
            <thead><tr><th>Project</th><th>Test</th><th>Failed / runs</th><th>Commits</th><th>Last message</th></tr></thead>
            <tbody>
              {data.flakyTests.map((t) => (
                <tr key={`${t.project}/${t.suite}/${t.classname}/${t.name}`}>
                  <td>{t.project}</td>
                  <td className="font-mono text-xs">{t.classname ? `${t.classname} › ` : ''}{t.name}</td>
                  <td>{t.failures} / {t.runs}</td>
                  <td className="font-mono text-xs">{t.flakyCommits.map((c) => c.slice(0, 8)).join(', ')}</td>
                  <td className="max-w-xs truncate text-xs" title={t.lastMessage ?? ''}>{t.lastMessage?.split('\n')[0] ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
