import type { Logger } from '@ritmo/shared';
import type { PluginSettings } from './plugin-config.js';

/** What every extension point receives besides its own input. */
export interface PluginContext {
  logger: Logger;
  /** Aborted when the server shuts down or the caller gives up. */
  signal: AbortSignal;
}

/** A deployment that starts: what a deployer ships and where. */
export interface DeployRequest {
  project: string;
  environment: string;
  /** The environment's URL, when it has one. */
  environmentUrl: string | null;
  deploymentId: string;
  build: { id: string; number: number; sha: string | null; ref: string | null; url: string };
  artifact: { id: string; name: string; digest: string; url: string } | null;
  actor: string | null;
  /** A rollback redeploys an earlier artifact. */
  rollback: boolean;
}

/** What a deployer did, in words, and where, for the deployment record. */
export interface DeployResult {
  summary: string;
  /** A link to the external system's view of the deployment (a commit, a workflow run). */
  url?: string;
}

/** Ships an artifact to an external CD system (a webhook, a GitOps repository, a workflow). */
export interface Deployer {
  kind: 'deployer';
  deploy(request: DeployRequest, settings: PluginSettings, ctx: PluginContext): Promise<DeployResult>;
}

/** Where a commit lives on a forge, and a build's state for it. */
export interface CommitStatusReport {
  repo: { provider: string; apiUrl: string; fullName: string; projectId?: number };
  sha: string;
  state: 'pending' | 'running' | 'success' | 'failure' | 'canceled';
  context: string;
  description: string;
  targetUrl: string;
}

/** Sends commit statuses to one kind of forge (an SCM status provider). */
export interface StatusProviderExtension {
  kind: 'status-provider';
  /** The forge kind it serves: `github`, `gitlab`, `gitea` ... */
  provider: string;
  report(status: CommitStatusReport, token: string, signal?: AbortSignal): Promise<void>;
}

/** A build's outcome for a notifier. */
export interface BuildNotice {
  project: string;
  build: { id: string; number: number; status: string; ref: string | null; sha: string | null; url: string };
}

/** Tells people about builds (chat, mail, ...). */
export interface Notifier {
  kind: 'notifier';
  notify(notice: BuildNotice, settings: PluginSettings, ctx: PluginContext): Promise<void>;
}

/**
 * A step type used as `uses: <name>@<major>`: it expands into the shell commands an agent runs, so the
 * agent needs no plugin code. `with:` arrives as strings.
 */
export interface StepType {
  kind: 'step-type';
  expand(inputs: Readonly<Record<string, string>>): { run: string; env?: Record<string, string> };
}

/** Keeps blobs by key: artifacts and compacted logs. */
export interface ArtifactStore {
  kind: 'artifact-store';
  put(key: string, body: Uint8Array, signal?: AbortSignal): Promise<void>;
  get(key: string, signal?: AbortSignal): Promise<Uint8Array | undefined>;
  delete(key: string, signal?: AbortSignal): Promise<void>;
}

export type PluginExtension = Deployer | StatusProviderExtension | Notifier | StepType | ArtifactStore;
export type ExtensionKind = PluginExtension['kind'];
