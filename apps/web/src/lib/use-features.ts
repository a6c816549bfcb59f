import { useQuery } from '@tanstack/react-query';
import { useRitmo } from './ritmo-context';

/** Features whose API arrives in stages; a view checks the server's OpenAPI document before it asks. */
export const featurePaths = {
  secrets: '/api/v1/projects/{project}/secrets',
  webhooks: '/api/v1/projects/{project}/webhooks',
  webhookDeliveries: '/api/v1/projects/{project}/webhooks/deliveries',
  artifacts: '/api/v1/artifacts',
  deployments: '/api/v1/deployments',
  environments: '/api/v1/projects/{project}/environments',
  analytics: '/api/v1/analytics',
  plugins: '/api/v1/plugins',
  jobWaiting: '/api/v1/jobs/{id}/waiting',
  testReports: '/api/v1/builds/{id}/tests',
} as const;

export type Feature = keyof typeof featurePaths;

/** Which of the staged features this server has (by the routes its OpenAPI document lists). */
export function useFeatures(): { has(feature: Feature): boolean; paths: readonly string[]; loading: boolean } {
  const client = useRitmo();
  const query = useQuery({ queryKey: ['openapi'], queryFn: ({ signal }) => client.openapi(signal), staleTime: Infinity });
  const paths = Object.keys(query.data?.paths ?? {});
  return { has: (f) => paths.includes(featurePaths[f]), paths, loading: query.isPending };
}
