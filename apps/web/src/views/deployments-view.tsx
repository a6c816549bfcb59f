import { NotAvailable } from '../components/not-available';
import { FeatureView } from './feature-view';

/** Deployments per environment: history, current version, approve, roll back (once the server has the API). */
export function DeploymentsView() {
  return (
    <FeatureView title="Deployments" feature="deployments" name="Deployments and environments">
      <NotAvailable feature="Deployments in this UI" detail="The server has a deployments API, but this version of the UI does not show it yet." />
    </FeatureView>
  );
}
