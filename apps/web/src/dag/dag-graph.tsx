import { useState } from 'react';
import type { Job } from '@ritmo/client';
import { statusStyle } from '../lib/status-style';
import { layoutDag, type DagNode } from './layout-dag';

const W = 190;
const H = 46;
const GAP_X = 56;
const GAP_Y = 12;

interface Placed {
  node: DagNode;
  /** Set when the node is one cell of an unfolded matrix group. */
  job?: Job;
  x: number;
  y: number;
}

function counts(jobs: readonly Job[]): string {
  const by = new Map<string, number>();
  for (const j of jobs) by.set(j.status, (by.get(j.status) ?? 0) + 1);
  return [...by].map(([s, n]) => `${n} ${s}`).join(', ');
}

/**
 * The build's jobs as a graph: columns by needs, edges between them, matrix groups folded into one box
 * (unfold with a click). Every box is a button; statuses show as words and symbols, not color alone.
 */
export function DagGraph({ jobs, selectedJobId, onSelectJob }: { jobs: readonly Job[]; selectedJobId: string | undefined; onSelectJob(jobId: string): void }) {
  const [unfolded, setUnfolded] = useState<ReadonlySet<string>>(new Set());
  const nodes = layoutDag(jobs);
  const columns = new Map<number, Placed[]>();
  const placedOf = new Map<string, Placed[]>();
  for (const node of nodes) {
    const column = columns.get(node.level) ?? [];
    columns.set(node.level, column);
    const items: Placed[] = node.jobs.length > 1 && unfolded.has(node.id) ? node.jobs.map((job) => ({ node, job, x: 0, y: 0 })) : [{ node, x: 0, y: 0 }];
    for (const p of items) {
      p.x = node.level * (W + GAP_X);
      p.y = column.length * (H + GAP_Y);
      column.push(p);
    }
    placedOf.set(node.id, items);
  }
  const width = Math.max(0, ...[...columns.keys()].map((l) => (l + 1) * (W + GAP_X) - GAP_X));
  const height = Math.max(0, ...[...columns.values()].map((c) => c.length * (H + GAP_Y) - GAP_Y));
  const edges: { from: Placed; to: Placed }[] = [];
  for (const list of placedOf.values()) for (const to of list) for (const need of to.node.needs) for (const from of placedOf.get(need) ?? []) edges.push({ from, to });

  const toggle = (id: string): void => {
    const next = new Set(unfolded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setUnfolded(next);
  };

  return (
    <div className="overflow-x-auto pb-2" role="group" aria-label="Job graph">
      <div className="relative" style={{ width, height }}>
        <svg className="pointer-events-none absolute inset-0" width={width} height={height} aria-hidden="true">
          {edges.map(({ from, to }, i) => {
            const x1 = from.x + W;
            const y1 = from.y + H / 2;
            const x2 = to.x;
            const y2 = to.y + H / 2;
            const mid = (x1 + x2) / 2;
            return <path key={i} d={`M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`} className="fill-none stroke-slate-400 dark:stroke-slate-600" strokeWidth={1.5} />;
          })}
        </svg>
        {[...placedOf.values()].flat().map((p) => {
          const job = p.job ?? (p.node.jobs.length === 1 ? p.node.jobs[0] : undefined);
          const status = job?.status ?? p.node.status;
          const style = statusStyle(status);
          const label = p.job ? p.job.name : p.node.label;
          const group = !job;
          const selected = job !== undefined && job.id === selectedJobId;
          return (
            <button
              key={p.job ? p.job.id : p.node.id}
              type="button"
              data-testid="dag-node"
              data-status={status}
              data-label={label}
              aria-pressed={group ? undefined : selected}
              aria-expanded={group ? false : undefined}
              aria-label={group ? `${label}: ${p.node.jobs.length} jobs, ${counts(p.node.jobs)}; unfold` : `${label}: ${status}`}
              onClick={() => (group ? toggle(p.node.id) : job && onSelectJob(job.id))}
              onDoubleClick={() => p.job && toggle(p.node.id)}
              className={`absolute flex items-center gap-2 rounded-md border bg-white px-2 text-left text-sm shadow-sm dark:bg-slate-900 ${selected ? 'border-blue-600 ring-2 ring-blue-500' : 'border-slate-300 dark:border-slate-700'}`}
              style={{ left: p.x, top: p.y, width: W, height: H }}
            >
              <span className={`h-2.5 w-2.5 shrink-0 rounded-full ${style.dot}`} aria-hidden="true" />
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium">{label}</span>
                <span className="muted block truncate text-xs">
                  {style.symbol} {group ? `${p.node.jobs.length} jobs · ${status}` : status}
                </span>
              </span>
            </button>
          );
        })}
      </div>
      {[...unfolded].some((id) => placedOf.has(id)) ? (
        <button type="button" className="btn mt-2" onClick={() => setUnfolded(new Set())}>
          Fold matrix groups
        </button>
      ) : null}
    </div>
  );
}
