/** Reads one project secret's value; undefined when the project has no secret by that name. */
export type ProjectSecretReader = (projectId: string, name: string) => Promise<string | undefined>;

/** Names of the project secrets the trigger layer reads. */
export const SCM_SECRETS = {
  /** Signs (or, for GitLab, is) every webhook delivery. Without it, webhooks are refused. */
  webhook: 'WEBHOOK_SECRET',
  /** A token for https repositories (sent as the password of `GIT_USERNAME`, default `x-access-token`). */
  gitToken: 'GIT_TOKEN',
  gitUsername: 'GIT_USERNAME',
  /** A private key (OpenSSH format) for ssh repositories. */
  gitSshKey: 'GIT_SSH_KEY',
  /** A token for the forge's API (commit statuses); GIT_TOKEN is used when it is not set. */
  forgeToken: 'FORGE_TOKEN',
} as const;
