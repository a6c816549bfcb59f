import { NotAvailable } from '../components/not-available';
import { FeatureView } from './feature-view';

/** Artifacts: browse, download, promote (once the server has the artifacts API). */
export function ArtifactsView() {
  return (
    <FeatureView title="Artifacts" feature="artifacts" name="Artifacts">
      <NotAvailable feature="Browsing artifacts in this UI" detail="The server has an artifacts API, but this version of the UI does not show it yet." />
    </FeatureView>
  );
}
