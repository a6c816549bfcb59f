import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorBox } from '../components/error-box';
import { Loading } from '../components/loading';
import { ProjectSelect } from '../components/project-select';
import { useRitmo } from '../lib/ritmo-context';
import { EnvironmentCard } from './deployments/environment-card';
import { FeatureView } from './feature-view';

/** Deployments per environment: the current version, history, approving and rolling back. */
export function DeploymentsView() {
  return (
    <FeatureView title="Deployments" feature="deployments" name="Deployments and environments">
      <DeploymentsBody />
    </FeatureView>
  );
}

function DeploymentsBody() {
  const client = useRitmo();
  const [project, setProject] = useState('');
  const environments = useQuery({
    queryKey: ['environments', project],
    queryFn: ({ signal }) => client.deployments.environments(project, { limit: 100 }, signal),
    enabled: project !== '',
  });
  return (
    <div className="space-y-4">
      <form className="flex flex-wrap gap-3" onSubmit={(e) => e.preventDefault()}>
        <ProjectSelect value={project} onChange={setProject} />
      </form>
      {project === '' ? null : environments.isPending ? <Loading /> : environments.error ? <ErrorBox error={environments.error} /> : environments.data.items.length === 0 ? (
        <p className="muted text-sm">No environments yet. A job with <code>environment:</code> creates one when it deploys.</p>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {environments.data.items.map((e) => (
            <EnvironmentCard key={e.id} project={project} environment={e} />
          ))}
        </div>
      )}
    </div>
  );
}
