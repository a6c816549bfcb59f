import type { ForgeRepo } from '../hooks/hook-event.js';

/** Ritmo's view of a build for a forge: running or waiting (`pending`), or how it ended. */
export type CommitState = 'pending' | 'running' | 'success' | 'failure' | 'canceled';

export interface CommitStatus {
  repo: ForgeRepo;
  sha: string;
  state: CommitState;
  /** Names the check on the forge: `ritmo/<pipeline>`. */
  context: string;
  description: string;
  /** The build's page. */
  targetUrl: string;
}

/** Sends commit statuses to one kind of forge. Throws ERR_SCM_STATUS_FAILED when the forge refuses. */
export interface StatusProvider {
  name: ForgeRepo['provider'];
  report(status: CommitStatus, token: string, signal?: AbortSignal): Promise<void>;
}
