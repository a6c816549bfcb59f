import type { Project } from '@ritmo/client';
import type { Colors } from '../output/colors.js';
import { formatAge } from './format-age.js';
import { formatTable } from './format-table.js';

/** The table of `ritmo projects`: name, repository, where the pipeline comes from, branch, age, id. */
export function formatProjectsTable(projects: readonly Project[], colors: Colors, now: number): string {
  return formatTable(
    ['NAME', 'REPOSITORY', 'PIPELINE', 'BRANCH', 'CREATED', 'ID'],
    projects.map((p) => [
      p.name,
      p.repoUrl ?? '-',
      p.hasInlinePipeline ? 'inline' : p.pipelinePath,
      p.defaultBranch,
      formatAge(p.createdAt, now),
      { text: p.id, paint: colors.dim },
    ]),
    colors,
  );
}
