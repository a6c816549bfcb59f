import { NotAvailable } from '../components/not-available';
import { FeatureView } from './feature-view';

/** Installed plugins and their configuration (once the server lists them). */
export function PluginsView() {
  return (
    <FeatureView title="Plugins" feature="plugins" name="The plugin list">
      <NotAvailable feature="Plugins in this UI" detail="The server has a plugins API, but this version of the UI does not show it yet." />
    </FeatureView>
  );
}
