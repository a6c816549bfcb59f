import { Link } from 'react-router';
import type { Build, Project } from '@ritmo/client';
import { elapsed, shortSha, timeAgo } from '../lib/format';
import { StatusBadge } from './status-badge';

/** Builds as a table on wide screens and as stacked rows on a phone. */
export function BuildsTable({ builds, projects, caption }: { builds: readonly Build[]; projects?: ReadonlyMap<string, Project>; caption: string }) {
  if (builds.length === 0) return <p className="muted text-sm">No builds.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="muted hidden text-xs uppercase sm:table-header-group">
          <tr>
            <th scope="col" className="py-2 pr-3">Status</th>
            <th scope="col" className="py-2 pr-3">Build</th>
            <th scope="col" className="py-2 pr-3">Ref</th>
            <th scope="col" className="py-2 pr-3">Trigger</th>
            <th scope="col" className="py-2 pr-3">Duration</th>
            <th scope="col" className="py-2">Created</th>
          </tr>
        </thead>
        <tbody>
          {builds.map((b) => {
            const project = projects?.get(b.projectId);
            return (
              <tr key={b.id} className="flex flex-wrap items-center gap-x-3 border-t border-slate-200 py-2 sm:table-row dark:border-slate-800" data-build={b.number}>
                <td className="sm:py-2 sm:pr-3"><StatusBadge status={b.status} /></td>
                <td className="font-medium sm:py-2 sm:pr-3">
                  <Link className="link" to={`/builds/${b.id}`}>
                    {project ? `${project.name} ` : ''}#{b.number}
                  </Link>
                  <span className="muted ml-2 hidden text-xs lg:inline">{b.pipelineName}</span>
                </td>
                <td className="muted sm:py-2 sm:pr-3">
                  {b.branch ?? b.tag ?? b.ref ?? '–'} <code className="text-xs">{shortSha(b.sha)}</code>
                </td>
                <td className="muted sm:py-2 sm:pr-3">{b.event}</td>
                <td className="muted sm:py-2 sm:pr-3">{elapsed(b.startedAt, b.finishedAt)}</td>
                <td className="muted sm:py-2">{timeAgo(b.createdAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
