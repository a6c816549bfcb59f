import { arch, platform } from 'node:os';

/** Labels every agent has besides its configured ones: `os:<platform>`, `arch:<arch>`, `executor:<name>`. */
export function automaticLabels(executor: string): string[] {
  return [`os:${platform()}`, `arch:${arch()}`, `executor:${executor}`];
}

/** Configured plus automatic labels, deduplicated and sorted. */
export function agentLabels(configured: readonly string[], executor: string): string[] {
  return [...new Set([...configured, ...automaticLabels(executor)])].sort();
}
