import { NotAvailable } from '../components/not-available';
import { FeatureView } from './feature-view';

/** Build duration trends, success rate, queue wait, slowest jobs and flaky tests (once the server aggregates them). */
export function AnalyticsView() {
  return (
    <FeatureView title="Analytics" feature="analytics" name="Analytics (duration trends, success rate, queue wait, slowest jobs, flaky tests)">
      <NotAvailable feature="Analytics charts in this UI" detail="The server has an analytics API, but this version of the UI does not chart it yet." />
    </FeatureView>
  );
}
