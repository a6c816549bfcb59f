import type { Logger } from '@ritmo/shared';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

function format(value: unknown): string {
  if (value instanceof Error) return JSON.stringify(value.message);
  if (typeof value === 'string') return /^[\w.:/@-]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

/** A Logger that writes one readable line per message: `time level message key=value …`. */
export function createLineLogger(options: { level: LogLevel; write: (line: string) => void; fields?: Record<string, unknown> }): Logger {
  const base = options.fields ?? {};
  const at = (level: Exclude<LogLevel, 'silent'>) => (fields: Record<string, unknown>, message = '') => {
    if (rank[level] < rank[options.level]) return;
    const pairs = Object.entries({ ...base, ...fields }).map(([k, v]) => `${k}=${format(v)}`);
    options.write(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}${pairs.length > 0 ? ` ${pairs.join(' ')}` : ''}\n`);
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => createLineLogger({ ...options, fields: { ...base, ...fields } }),
  };
}
