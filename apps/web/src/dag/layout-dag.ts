import type { Job } from '@ritmo/client';

/** One box of the graph: a job, or the cells of one matrix job folded together. */
export interface DagNode {
  id: string;
  label: string;
  jobs: Job[];
  status: string;
  /** Ids of the nodes this one needs. */
  needs: string[];
  /** Column: the longest chain of needs before it. */
  level: number;
}

const MATRIX_NAME = /^(.*) \(([^()]+: [^()]+)\)$/;

/** The status a group shows: what is going on now first, then the worst result. */
export function groupStatus(statuses: readonly string[]): string {
  for (const s of ['running', 'failure', 'waiting', 'queued', 'pending', 'canceled', 'success']) if (statuses.includes(s)) return s;
  return statuses[0] ?? 'pending';
}

/**
 * Turns a build's jobs into graph nodes in columns: matrix cells (`test (node: 20)`) of one job fold
 * into one node, needs become edges between nodes, and each node's column is the longest chain of
 * needs before it.
 */
export function layoutDag(jobs: readonly Job[]): DagNode[] {
  const nodeOfKey = new Map<string, string>();
  const nodes = new Map<string, DagNode>();
  for (const job of jobs) {
    const m = MATRIX_NAME.exec(job.name);
    const base = m?.[1];
    // Cells of one matrix job share the base name, stage and needs.
    const id = base === undefined ? `job:${job.key}` : `matrix:${base}|${job.stage ?? ''}|${[...job.needs].sort().join(',')}`;
    nodeOfKey.set(job.key, id);
    const node = nodes.get(id);
    if (node) node.jobs.push(job);
    else nodes.set(id, { id, label: base ?? job.name, jobs: [job], status: job.status, needs: [], level: 0 });
  }
  for (const node of nodes.values()) {
    node.status = groupStatus(node.jobs.map((j) => j.status));
    // A matrix id made of one cell is still a job: show its full name.
    if (node.jobs.length === 1 && node.id.startsWith('matrix:')) node.label = node.jobs[0]?.name ?? node.label;
    const needs = new Set<string>();
    for (const job of node.jobs) for (const k of job.needs) {
      const target = nodeOfKey.get(k);
      if (target !== undefined && target !== node.id) needs.add(target);
    }
    node.needs = [...needs];
  }
  const level = new Map<string, number>();
  const visiting = new Set<string>();
  const levelOf = (id: string): number => {
    const known = level.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a cycle cannot come from a compiled plan; do not loop on one
    visiting.add(id);
    const node = nodes.get(id);
    const l = node && node.needs.length > 0 ? 1 + Math.max(...node.needs.map(levelOf)) : 0;
    level.set(id, l);
    return l;
  };
  for (const node of nodes.values()) node.level = levelOf(node.id);
  return [...nodes.values()];
}
