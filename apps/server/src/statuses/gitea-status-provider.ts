import type { CommitState, StatusProvider } from './commit-status.js';
import { createOutboundFetch, type OutboundFetch } from '../outbound/create-outbound-fetch.js';
import { postJson } from './post-json.js';

const STATES: Record<CommitState, 'pending' | 'success' | 'failure' | 'error'> = {
  pending: 'pending',
  running: 'pending',
  success: 'success',
  failure: 'failure',
  canceled: 'error',
};

/** Gitea's (and Forgejo's) status API: `POST /repos/{owner}/{repo}/statuses/{sha}` with `Authorization: token …`. */
export function createGiteaStatusProvider(outbound: OutboundFetch = createOutboundFetch()): StatusProvider {
  return {
  name: 'gitea',
  report: (status, token, signal) =>
    postJson(
      `${status.repo.apiUrl}/repos/${status.repo.fullName}/statuses/${status.sha}`,
      { authorization: `token ${token}` },
      { state: STATES[status.state], target_url: status.targetUrl, description: status.description.slice(0, 255), context: status.context },
      signal,
      outbound,
    ),
  };
}

export const giteaStatusProvider: StatusProvider = createGiteaStatusProvider();
