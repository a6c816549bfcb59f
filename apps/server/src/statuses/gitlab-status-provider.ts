import type { CommitState, StatusProvider } from './commit-status.js';
import { createOutboundFetch, type OutboundFetch } from '../outbound/create-outbound-fetch.js';
import { postJson } from './post-json.js';

const STATES: Record<CommitState, 'pending' | 'running' | 'success' | 'failed' | 'canceled'> = {
  pending: 'pending',
  running: 'running',
  success: 'success',
  failure: 'failed',
  canceled: 'canceled',
};

/** GitLab's commit status API: `POST /projects/{id}/statuses/{sha}` with a `PRIVATE-TOKEN`. */
export function createGitlabStatusProvider(outbound: OutboundFetch = createOutboundFetch()): StatusProvider {
  return {
  name: 'gitlab',
  report: (status, token, signal) =>
    postJson(
      `${status.repo.apiUrl}/projects/${status.repo.projectId ?? encodeURIComponent(status.repo.fullName)}/statuses/${status.sha}`,
      { 'private-token': token },
      { state: STATES[status.state], name: status.context, target_url: status.targetUrl, description: status.description.slice(0, 255) },
      signal,
      outbound,
    ),
  };
}

export const gitlabStatusProvider: StatusProvider = createGitlabStatusProvider();
