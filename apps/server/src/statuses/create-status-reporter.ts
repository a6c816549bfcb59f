import { formatDuration, type Logger } from '@ritmo/shared';
import type { Build, Project, Store } from '@ritmo/store';
import type { ForgeRepo } from '../hooks/hook-event.js';
import { SCM_SECRETS, type ProjectSecretReader } from '../scm/project-secret-reader.js';
import type { CommitState, CommitStatus, StatusProvider } from './commit-status.js';
import { createOutboundFetch, type OutboundFetch } from '../outbound/create-outbound-fetch.js';
import { createGiteaStatusProvider } from './gitea-status-provider.js';
import { createGithubStatusProvider } from './github-status-provider.js';
import { createGitlabStatusProvider } from './gitlab-status-provider.js';

/** GitHub, GitLab and Gitea, calling out through `outbound` (guarded against private addresses by default). */
export function builtInStatusProviders(outbound: OutboundFetch = createOutboundFetch()): readonly StatusProvider[] {
  return [createGithubStatusProvider(outbound), createGitlabStatusProvider(outbound), createGiteaStatusProvider(outbound)];
}

export interface StatusReporterDeps {
  store: Store;
  logger: Logger;
  readSecret: ProjectSecretReader;
  /** The server's public URL: statuses link to the build's page under it. */
  publicUrl: string;
  providers?: readonly StatusProvider[];
  /** Used by the built-in providers when `providers` is not given. */
  outbound?: OutboundFetch;
  signal?: AbortSignal;
}

const stateOf = (status: Build['status']): CommitState => (status === 'queued' || status === 'waiting' ? 'pending' : status);

function describe(build: Build): string {
  const took = build.startedAt !== null && build.finishedAt !== null ? ` in ${formatDuration(build.finishedAt - build.startedAt)}` : '';
  switch (build.status) {
    case 'queued':
      return `build #${build.number} is queued`;
    case 'waiting':
      return `build #${build.number} waits for an approval`;
    case 'running':
      return `build #${build.number} is running`;
    case 'success':
      return `build #${build.number} succeeded${took}`;
    case 'failure':
      return `build #${build.number} failed${took}`;
    case 'canceled':
      return `build #${build.number} was canceled`;
  }
}

function forgeOf(build: Build): ForgeRepo | undefined {
  const forge = build.trigger['forge'] as ForgeRepo | undefined;
  return forge && typeof forge.apiUrl === 'string' && typeof forge.fullName === 'string' ? forge : undefined;
}

/** The page a status links to. */
export function buildUrl(publicUrl: string, project: Project, build: Build): string {
  return `${publicUrl}/projects/${encodeURIComponent(project.name)}/builds/${build.number}`;
}

/**
 * Reports a build's state to the forge its trigger came from (`build.trigger.forge`, set by webhooks),
 * with the project secret FORGE_TOKEN (or GIT_TOKEN). Builds from elsewhere, or without a token, are
 * not reported. Returns what was sent.
 */
export function createStatusReporter(deps: StatusReporterDeps) {
  const providers = new Map((deps.providers ?? builtInStatusProviders(deps.outbound)).map((p) => [p.name, p]));
  return {
    async report(buildId: string): Promise<CommitStatus | undefined> {
      const build = await deps.store.builds.getBuild(buildId);
      const forge = forgeOf(build);
      const provider = forge && providers.get(forge.provider);
      if (!forge || !provider || build.sha === null) return undefined;
      const token = (await deps.readSecret(build.projectId, SCM_SECRETS.forgeToken)) ?? (await deps.readSecret(build.projectId, SCM_SECRETS.gitToken));
      if (token === undefined) {
        deps.logger.debug({ buildId }, 'no FORGE_TOKEN or GIT_TOKEN: the commit status is not reported');
        return undefined;
      }
      const project = await deps.store.projects.getProject(build.projectId);
      const status: CommitStatus = {
        repo: forge,
        sha: build.sha,
        state: stateOf(build.status),
        context: `ritmo/${build.plan.name}`,
        description: describe(build),
        targetUrl: buildUrl(deps.publicUrl, project, build),
      };
      await provider.report(status, token.trim(), deps.signal);
      return status;
    },
  };
}

export type StatusReporter = ReturnType<typeof createStatusReporter>;
