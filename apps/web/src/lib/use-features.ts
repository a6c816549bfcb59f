import { useQuery } from '@tanstack/react-query';
import { useRitmo } from './ritmo-context';

/**
 * Features whose API arrives in stages, by the routes that show a server has them (an exact path, or a
 * pattern for a family of routes). The agent API (`/api/v1/agent/…`) never counts.
 */
export const featurePaths = {
  secrets: '/api/v1/projects/{project}/secrets',
  webhooks: '/api/v1/hooks/{provider}/{project}',
  webhookDeliveries: '/api/v1/projects/{project}/deliveries',
  artifacts: /\/artifacts(\/|$)/,
  deployments: /\/(deployments|environments)(\/|$)/,
  analytics: /\/analytics(\/|$)/,
  plugins: /\/plugins(\/|$)/,
  jobWaiting: '/api/v1/jobs/{id}/waiting',
  testReports: /\/builds\/\{id\}\/(tests|test-reports|reports)(\/|$)/,
} as const satisfies Record<string, string | RegExp>;

export type Feature = keyof typeof featurePaths;

/** Whether `paths` (an OpenAPI document's) include a feature's routes. */
export function hasFeature(paths: readonly string[], feature: Feature): boolean {
  const want: string | RegExp = featurePaths[feature];
  return typeof want === 'string' ? paths.includes(want) : paths.some((p) => !p.startsWith('/api/v1/agent/') && want.test(p));
}

/** Which of the staged features this server has (by the routes its OpenAPI document lists). */
export function useFeatures(): { has(feature: Feature): boolean; paths: readonly string[]; loading: boolean } {
  const client = useRitmo();
  const query = useQuery({ queryKey: ['openapi'], queryFn: ({ signal }) => client.openapi(signal), staleTime: Infinity });
  const paths = Object.keys(query.data?.paths ?? {});
  return { has: (f) => hasFeature(paths, f), paths, loading: query.isPending };
}
