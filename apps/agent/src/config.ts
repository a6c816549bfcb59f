import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AgentLabel } from '@ritmo/protocol';
import { EXECUTOR_NAMES } from '@ritmo/runner';
import { parseDuration, RitmoError, toError } from '@ritmo/shared';

/** The agent's settings, from flags first, then RITMO_* variables, then defaults. */
export interface AgentConfig {
  serverUrl: string;
  /** A registration token (`ritmoreg_…`) or the agent's own token (`ritmoagent_…`). */
  token: string | undefined;
  name: string;
  labels: string[];
  capacity: number;
  executor: string;
  ephemeral: boolean;
  workDir: string;
  killGraceMs: number | undefined;
  /** After a drain starts, running jobs still going after this long are stopped (undefined: wait for them). */
  drainTimeoutMs: number | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

const Settings = z.object({
  server: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  token: z.string().regex(/^ritmo(reg|agent)_[A-Za-z0-9_-]+$/, 'must be a registration token (ritmoreg_…) or an agent token (ritmoagent_…)').optional(),
  name: z.string().min(1).max(100),
  labels: z.array(AgentLabel).max(64),
  capacity: z.coerce.number().int().min(1).max(256),
  executor: z.enum(EXECUTOR_NAMES as [string, ...string[]]),
  ephemeral: z.boolean(),
  workDir: z.string().min(1),
  killGrace: z.string().optional(),
  drainTimeout: z.string().optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']),
});

const flags = {
  server: { type: 'string' },
  token: { type: 'string' },
  name: { type: 'string' },
  labels: { type: 'string' },
  capacity: { type: 'string' },
  executor: { type: 'string' },
  ephemeral: { type: 'boolean' },
  'work-dir': { type: 'string' },
  'kill-grace': { type: 'string' },
  'drain-timeout': { type: 'string' },
  'log-level': { type: 'string' },
} as const;

const truthy = (v: string | undefined): boolean => v === '1' || v === 'true' || v === 'yes';

/** Reads flags (`--server URL --token T --labels a,b ...`) and RITMO_* variables; ERR_AGENT_CONFIG_INVALID names each problem. */
export function loadAgentConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, cwd: string): AgentConfig {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: [...argv], options: flags, strict: true, allowPositionals: false }).values;
  } catch (e: unknown) {
    throw new RitmoError('ERR_AGENT_CONFIG_INVALID', toError(e).message);
  }
  const str = (flag: string, name: string): string | undefined => (values[flag] as string | undefined) ?? (env[name] === '' ? undefined : env[name]);
  const labels = str('labels', 'RITMO_AGENT_LABELS') ?? '';
  const parsed = Settings.safeParse({
    server: str('server', 'RITMO_SERVER_URL') ?? 'http://127.0.0.1:8080',
    token: str('token', 'RITMO_AGENT_TOKEN'),
    name: str('name', 'RITMO_AGENT_NAME') ?? hostname(),
    labels: labels.split(',').map((l) => l.trim()).filter((l) => l !== ''),
    capacity: str('capacity', 'RITMO_AGENT_CAPACITY') ?? '1',
    executor: str('executor', 'RITMO_AGENT_EXECUTOR') ?? 'host',
    ephemeral: (values.ephemeral as boolean | undefined) ?? truthy(env.RITMO_AGENT_EPHEMERAL),
    workDir: str('work-dir', 'RITMO_AGENT_WORK_DIR') ?? '.ritmo-agent',
    killGrace: str('kill-grace', 'RITMO_AGENT_KILL_GRACE'),
    drainTimeout: str('drain-timeout', 'RITMO_AGENT_DRAIN_TIMEOUT'),
    logLevel: str('log-level', 'RITMO_LOG_LEVEL') ?? 'info',
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new RitmoError('ERR_AGENT_CONFIG_INVALID', `invalid agent configuration: ${problems.join('; ')}`, { details: { problems } });
  }
  const s = parsed.data;
  const duration = (flag: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const ms = parseDuration(text);
    if (ms === undefined) throw new RitmoError('ERR_AGENT_CONFIG_INVALID', `--${flag}: "${text}" is not a duration such as 10s`);
    return ms;
  };
  return {
    serverUrl: s.server.replace(/\/+$/, ''),
    token: s.token,
    name: s.name,
    labels: s.labels,
    capacity: s.capacity,
    executor: s.executor,
    ephemeral: s.ephemeral,
    workDir: resolve(cwd, s.workDir),
    killGraceMs: duration('kill-grace', s.killGrace),
    drainTimeoutMs: duration('drain-timeout', s.drainTimeout),
    logLevel: s.logLevel,
  };
}
