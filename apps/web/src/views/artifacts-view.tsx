import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Artifact, Promotion } from '@ritmo/client';
import { ErrorBox } from '../components/error-box';
import { Loading } from '../components/loading';
import { ProjectSelect } from '../components/project-select';
import { shortDigest } from '../lib/format';
import { useRitmo } from '../lib/ritmo-context';
import { ArtifactsTable } from './artifacts/artifacts-table';
import { FeatureView } from './feature-view';

/** Artifacts of a project: browse, download, and promote up the project's levels. */
export function ArtifactsView() {
  return (
    <FeatureView title="Artifacts" feature="artifacts" name="Artifacts">
      <ArtifactsBody />
    </FeatureView>
  );
}

function ArtifactsBody() {
  const client = useRitmo();
  const queryClient = useQueryClient();
  const [project, setProject] = useState('');
  const artifacts = useQuery({
    queryKey: ['artifacts', project],
    queryFn: ({ signal }) => client.artifacts.list(project, { limit: 200 }, signal),
    enabled: project !== '',
  });
  const delivery = useQuery({ queryKey: ['delivery', project], queryFn: ({ signal }) => client.artifacts.delivery(project, signal), enabled: project !== '' });
  const promote = useMutation({
    mutationFn: ({ artifact, to }: { artifact: Artifact; to: string }) => client.artifacts.promote(project, { digest: artifact.digest, to }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['artifacts', project] }),
  });
  const choose = (p: string) => {
    promote.reset();
    setProject(p);
  };
  return (
    <div className="space-y-4">
      <form className="flex flex-wrap gap-3" onSubmit={(e) => e.preventDefault()}>
        <ProjectSelect value={project} onChange={choose} />
      </form>
      {promote.error ? <ErrorBox error={promote.error} title="Could not promote the artifact" /> : null}
      {promote.data ? <Promoted promotion={promote.data} /> : null}
      {project === '' ? null : artifacts.isPending ? <Loading /> : artifacts.error ? <ErrorBox error={artifacts.error} /> : (
        <ArtifactsTable
          artifacts={artifacts.data.items}
          levels={delivery.data?.promotionLevels}
          promoting={promote.isPending}
          onPromote={(artifact, to) => promote.mutate({ artifact, to })}
        />
      )}
    </div>
  );
}

function Promoted({ promotion }: { promotion: Promotion }) {
  return (
    <p role="status" className="text-sm">
      {promotion.status === 'promoted'
        ? `Promoted ${shortDigest(promotion.digest)} to ${promotion.toLevel}.`
        : `Promotion of ${shortDigest(promotion.digest)} to ${promotion.toLevel} waits for approvals (${promotion.approvals.length} so far).`}
    </p>
  );
}
