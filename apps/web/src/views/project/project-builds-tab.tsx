import { useQuery } from '@tanstack/react-query';
import type { Project } from '@ritmo/client';
import { BuildsTable } from '../../components/builds-table';
import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';
import { useRitmo } from '../../lib/ritmo-context';

export function ProjectBuildsTab({ project }: { project: Project }) {
  const client = useRitmo();
  const builds = useQuery({ queryKey: ['builds', 'project', project.id], queryFn: ({ signal }) => client.builds.list({ project: project.id, limit: 50 }, signal) });
  if (builds.isPending) return <Loading />;
  if (builds.error) return <ErrorBox error={builds.error} />;
  return (
    <section className="card" aria-label="Builds of this project">
      <BuildsTable builds={builds.data.items} caption={`Builds of ${project.name}`} />
    </section>
  );
}
