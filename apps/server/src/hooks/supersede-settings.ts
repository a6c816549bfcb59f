import type { Project } from '@ritmo/store';

/** Which newer builds cancel older ones: `settings.cancelSuperseded`, on for pull requests and off for branches by default. */
export interface SupersedeSettings {
  pullRequests: boolean;
  branches: boolean;
}

export function supersedeSettingsOf(project: Project): SupersedeSettings {
  const stored = project.settings['cancelSuperseded'];
  const value = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  return {
    pullRequests: typeof value['pullRequests'] === 'boolean' ? value['pullRequests'] : true,
    branches: typeof value['branches'] === 'boolean' ? value['branches'] : false,
  };
}
