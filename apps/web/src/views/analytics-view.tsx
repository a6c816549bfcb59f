import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorBox } from '../components/error-box';
import { Loading } from '../components/loading';
import { useRitmo } from '../lib/ritmo-context';
import { useProjects } from '../lib/use-projects';
import { AnalyticsCharts } from './analytics/analytics-charts';
import { FeatureView } from './feature-view';

const WINDOWS = [7, 14, 30, 90] as const;

/** Build duration trends, success rate, queue wait, slowest jobs and flaky tests, per project or overall. */
export function AnalyticsView() {
  return (
    <FeatureView title="Analytics" feature="analytics" name="Analytics (duration trends, success rate, queue wait, slowest jobs, flaky tests)">
      <AnalyticsBody />
    </FeatureView>
  );
}

function AnalyticsBody() {
  const client = useRitmo();
  const projects = useProjects();
  const [project, setProject] = useState('');
  const [days, setDays] = useState<number>(14);
  const analytics = useQuery({
    queryKey: ['analytics', project, days],
    queryFn: ({ signal }) => client.tests.analytics({ ...(project ? { project } : {}), days }, signal),
  });
  return (
    <div className="space-y-4">
      <form className="flex flex-wrap gap-3 text-sm" onSubmit={(e) => e.preventDefault()}>
        <label className="flex items-center gap-2">
          Project
          <select className="input" value={project} onChange={(e) => setProject(e.target.value)}>
            <option value="">All projects</option>
            {(projects.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.name}>{p.name}</option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2">
          Period
          <select className="input" value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {WINDOWS.map((d) => (
              <option key={d} value={d}>last {d} days</option>
            ))}
          </select>
        </label>
      </form>
      {analytics.isPending ? <Loading /> : analytics.error ? <ErrorBox error={analytics.error} /> : <AnalyticsCharts data={analytics.data} />}
    </div>
  );
}
