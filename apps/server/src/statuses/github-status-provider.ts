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

/** GitHub's commit statuses API: `POST /repos/{owner}/{repo}/statuses/{sha}` with a bearer token. */
export function createGithubStatusProvider(outbound: OutboundFetch = createOutboundFetch()): StatusProvider {
  return {
  name: 'github',
  report: (status, token, signal) =>
    postJson(
      `${status.repo.apiUrl}/repos/${status.repo.fullName}/statuses/${status.sha}`,
      { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
      { state: STATES[status.state], target_url: status.targetUrl, description: status.description.slice(0, 140), context: status.context },
      signal,
      outbound,
    ),
  };
}

export const githubStatusProvider: StatusProvider = createGithubStatusProvider();
