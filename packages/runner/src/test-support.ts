import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlanJob, PlanStep } from '@ritmo/pipeline';
import type { LogLine } from './log-line.js';

/** Test helpers (not part of the build). */

export function makeStep(overrides: Partial<PlanStep> & { id: string }): PlanStep {
  return { name: overrides.id, env: {}, continueOnError: false, ...overrides };
}

export function makeJob(steps: PlanStep[], overrides: Partial<PlanJob> = {}): PlanJob {
  return {
    id: 'job',
    key: 'job',
    name: 'job',
    needs: [],
    needsKeys: [],
    failFast: true,
    runsOn: [],
    services: [],
    env: {},
    steps,
    timeoutMs: 60_000,
    retry: { max: 0, when: [], exitCodes: [] },
    continueOnError: false,
    artifacts: [],
    reports: { junit: [] },
    outputs: {},
    secrets: [],
    ...overrides,
  };
}

/** A temp directory removed by the returned cleanup. */
export async function tempDir(prefix = 'ritmo-test-'): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

export function collectLogs(): { lines: LogLine[]; onLog: (line: LogLine) => void; text: (stream?: LogLine['stream']) => string } {
  const lines: LogLine[] = [];
  return {
    lines,
    onLog: (line) => lines.push(line),
    text: (stream) =>
      lines
        .filter((l) => stream === undefined || l.stream === stream)
        .map((l) => l.text)
        .join('\n'),
  };
}

/** Whether a process exists and is not a zombie waiting for a parent that never reaps it. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Kills leftover pids if a test failed midway (best effort, by pid). */
export function killPids(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
