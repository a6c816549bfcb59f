import type { Artifact, PromotionLevel } from '@ritmo/client';
import { BuildLink } from '../../components/build-link';
import { formatBytes, shortDigest, timeAgo } from '../../lib/format';
import { useRitmo } from '../../lib/ritmo-context';
import { nextLevel } from './next-level';

/** Artifacts as a table on wide screens and as stacked rows on a phone, with download and promote. */
export function ArtifactsTable({ artifacts, levels, promoting, onPromote }: {
  artifacts: readonly Artifact[];
  /** The project's promotion levels; undefined hides promoting (unknown levels or no permission to read them). */
  levels: readonly PromotionLevel[] | undefined;
  promoting: boolean;
  onPromote: (artifact: Artifact, to: string) => void;
}) {
  const client = useRitmo();
  if (artifacts.length === 0) return <p className="muted text-sm">No artifacts yet. Builds keep files with <code>artifacts:</code> in a job.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Artifacts, newest first</caption>
        <thead className="muted hidden text-xs uppercase sm:table-header-group">
          <tr>
            <th scope="col" className="py-2 pr-3">Name</th>
            <th scope="col" className="py-2 pr-3">Build</th>
            <th scope="col" className="py-2 pr-3">Digest</th>
            <th scope="col" className="py-2 pr-3">Size</th>
            <th scope="col" className="py-2 pr-3">Level</th>
            <th scope="col" className="py-2 pr-3">Expires</th>
            <th scope="col" className="py-2"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {artifacts.map((a) => {
            const next = levels ? nextLevel(levels, a.promotionLevel) : undefined;
            return (
              <tr key={a.id} className="flex flex-wrap items-center gap-x-3 border-t border-slate-200 py-2 sm:table-row dark:border-slate-800" data-testid="artifact">
                <td className="font-medium break-all sm:py-2 sm:pr-3">{a.name}</td>
                <td className="sm:py-2 sm:pr-3"><BuildLink buildId={a.buildId} /></td>
                <td className="sm:py-2 sm:pr-3"><code className="text-xs" title={a.digest}>{shortDigest(a.digest)}</code></td>
                <td className="muted sm:py-2 sm:pr-3">{formatBytes(a.size)}</td>
                <td className="sm:py-2 sm:pr-3">{a.promotionLevel ?? <span className="muted">none</span>}</td>
                <td className="muted sm:py-2 sm:pr-3">{a.expiresAt ? new Date(a.expiresAt).toISOString().slice(0, 10) : 'kept'}</td>
                <td className="flex flex-wrap gap-2 sm:py-2">
                  <a className="btn" href={client.artifacts.archiveUrl(a.id)} download>
                    Download<span className="sr-only"> {a.name} (built {timeAgo(a.createdAt)})</span>
                  </a>
                  {next ? (
                    <button type="button" className="btn" disabled={promoting} onClick={() => onPromote(a, next.name)}>
                      Promote to {next.name}<span className="sr-only"> ({a.name} {shortDigest(a.digest)})</span>
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
