import type { Clock, Logger } from '@ritmo/shared';
import type { Build, Project, Store } from '@ritmo/store';
import type { Orchestrator } from '../orchestration/create-orchestrator.js';
import type { RepoMirror } from '../pipelines/create-repo-mirror.js';
import type { Scm } from '../scm/create-scm.js';
import type { ProjectSecretReader } from '../scm/project-secret-reader.js';
import type { HookProvider, ProviderName } from './providers/hook-provider.js';

/** What receiving a webhook needs. */
export interface HookDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  orchestrator: Orchestrator;
  mirror: RepoMirror;
  scm: Scm;
  readSecret: ProjectSecretReader;
  providers: ReadonlyMap<ProviderName, HookProvider>;
  /** Called after a push to a project's default branch (its schedules follow that branch's pipeline). */
  onDefaultBranchPush?: (project: Project) => void;
  /** Aborted on shutdown. */
  signal: AbortSignal;
}

/** What became of a delivery once it was verified. */
export interface HookOutcome {
  status: 'accepted' | 'ignored' | 'failed';
  httpStatus: number;
  /** The build created, or why none was, in words. */
  result: string;
  build?: Build;
  /** Set for `failed`: what went wrong (its code and status reach the caller). */
  error?: Error;
}
