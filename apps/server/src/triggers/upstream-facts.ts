import type { Build, Project } from '@ritmo/store';

/** What a downstream build can read of the build that triggered it, as `ritmo.upstream`. */
export interface UpstreamFacts {
  project: string;
  project_id: string;
  build_id: string;
  build_number: number;
  status: string;
  event: string;
  ref: string | null;
  sha: string | null;
  branch: string | null;
  tag: string | null;
  /** How many upstream builds led here (1 for a direct upstream). */
  depth: number;
}

export function upstreamFacts(project: Project, build: Build): UpstreamFacts {
  const previous = build.trigger['upstream'] as Partial<UpstreamFacts> | undefined;
  return {
    project: project.name,
    project_id: project.id,
    build_id: build.id,
    build_number: build.number,
    status: build.status,
    event: build.event,
    ref: build.ref,
    sha: build.sha,
    branch: build.branch,
    tag: build.tag,
    depth: (typeof previous?.depth === 'number' ? previous.depth : 0) + 1,
  };
}
