import type { HostConfig } from 'dockerode';
import type { ResourceLimits } from './executor.js';

/** Labels on everything the docker executor creates; `sweepDocker` finds leftovers by them. */
export const DOCKER_LABELS = {
  managed: 'ritmo.managed',
  job: 'ritmo.job',
  agent: 'ritmo.agent',
  service: 'ritmo.service',
} as const;

export function dockerLabels(agentId: string, jobId: string): Record<string, string> {
  return { [DOCKER_LABELS.managed]: 'true', [DOCKER_LABELS.job]: jobId, [DOCKER_LABELS.agent]: agentId };
}

/** Label filters selecting what one agent created (list calls' `filters.label`). */
export function agentLabelFilter(agentId: string): string[] {
  return [`${DOCKER_LABELS.managed}=true`, `${DOCKER_LABELS.agent}=${agentId}`];
}

/** Memory (swap included, so none extra), CPUs and pids as container limits; unset means unlimited. */
export function limitsHostConfig(limits: ResourceLimits | undefined): Pick<HostConfig, 'Memory' | 'MemorySwap' | 'NanoCpus' | 'PidsLimit'> {
  const config: Pick<HostConfig, 'Memory' | 'MemorySwap' | 'NanoCpus' | 'PidsLimit'> = {};
  if (limits?.memoryBytes !== undefined) {
    config.Memory = limits.memoryBytes;
    config.MemorySwap = limits.memoryBytes;
  }
  if (limits?.cpus !== undefined) config.NanoCpus = Math.round(limits.cpus * 1e9);
  if (limits?.pids !== undefined) config.PidsLimit = limits.pids;
  return config;
}

/** A name part docker accepts (`[a-zA-Z0-9][a-zA-Z0-9_.-]*`) derived from a job id. */
export function dockerSafeName(id: string): string {
  const safe = id.replace(/[^a-zA-Z0-9_.-]+/g, '-').replace(/^[^a-zA-Z0-9]+/, '').slice(0, 48);
  return safe === '' ? 'job' : safe;
}

/** Variables the runner copies from its own process that describe the host, not the container. */
const HOST_ONLY = ['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'TMPDIR'] as const;

/**
 * The step's environment as `KEY=value` lines for the container. Host-only variables that still
 * have the runner's own values are left out, so the image's PATH and HOME apply; a value the
 * pipeline set is kept.
 */
export function containerEnv(env: Record<string, string>, host: Record<string, string | undefined> = process.env): string[] {
  return Object.entries(env)
    .filter(([name, value]) => !((HOST_ONLY as readonly string[]).includes(name) && host[name] === value))
    .map(([name, value]) => `${name}=${value}`);
}
