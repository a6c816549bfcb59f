import { useQuery } from '@tanstack/react-query';
import type { Project } from '@ritmo/client';
import { useRitmo } from './ritmo-context';

/** The projects the user can see (up to 200), and a lookup by id for build lists. */
export function useProjects() {
  const client = useRitmo();
  const query = useQuery({ queryKey: ['projects'], queryFn: ({ signal }) => client.projects.list({ limit: 200 }, signal) });
  const byId = new Map<string, Project>((query.data?.items ?? []).map((p) => [p.id, p]));
  return { ...query, byId };
}
