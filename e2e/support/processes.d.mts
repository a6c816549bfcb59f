// Types of processes.mjs, for the TypeScript e2e tests.
import type { ChildProcess } from 'node:child_process';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers directly
export type Json = any;

export const ROOT: string;
export const SERVER_MAIN: string;
export const AGENT_MAIN: string;
export const CLI_MAIN: string;
export const ADMIN_TOKEN: string;

export interface Proc {
  child: ChildProcess;
  pid: number;
  output(): string;
  /** Resolves with the exit code (or the signal name) once the process ended. */
  exited: Promise<number | string>;
}

export interface StartOptions {
  /** Flags for node itself, before the entry (`--cpu-prof`). */
  nodeArgs?: string[];
  /** Sees the process as soon as it is spawned. */
  onStart?: (proc: Proc) => void;
}

export interface ServerProc extends Proc {
  url: string;
  dataDir: string;
}

export interface AgentProc extends Proc {
  workDir: string;
  name: string;
}

export function ensureBuilt(): Promise<void>;
export function startNode(main: string, args: string[], env: Record<string, string>, options?: StartOptions): Proc;
export function stop(proc: Proc | undefined): Promise<void>;
export function terminate(proc: Proc | undefined, graceMs?: number): Promise<number | string | undefined>;
export function killPids(pids: readonly number[]): void;
export interface ServerStartOptions extends StartOptions {
  /** Restart in this data dir (default: a new one). */
  dataDir?: string;
  /** Listen on this port (default: a free one). */
  port?: number;
}

export function startServer(env?: Record<string, string>, options?: ServerStartOptions): Promise<ServerProc>;
export function removeServer(server: ServerProc | undefined): Promise<void>;
export function startAgent(server: { url: string }, token: string, name: string, extra?: string[], env?: Record<string, string>, options?: StartOptions): Promise<AgentProc>;
export function removeAgent(agent: AgentProc | undefined): Promise<void>;
export function call(server: { url: string }, method: string, path: string, body?: unknown): Promise<{ status: number; json: Json; text: string; headers: Headers }>;
export function registrationToken(server: { url: string }): Promise<string>;
export function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, ms: number, what: string, everyMs?: number): Promise<T>;
export function triggerInline(server: { url: string }, name: string, pipeline: string): Promise<Json>;
export function readBuild(server: { url: string }, id: string): Promise<Json>;
export function isFinished(build: Json): boolean;
