import { RitmoError } from '@ritmo/shared';

export const CLI_EVENTS = ['push', 'pull_request', 'tag', 'manual'] as const;
export type CliEvent = (typeof CLI_EVENTS)[number];

/** Validates `--event`; absent means the event a local run stands for: `push`. */
export function parseEvent(value: string | undefined): CliEvent {
  if (value === undefined) return 'push';
  const found = CLI_EVENTS.find((e) => e === value);
  if (found === undefined) {
    throw new RitmoError('ERR_CLI_USAGE', `--event must be one of ${CLI_EVENTS.join(', ')}, got "${value}"`);
  }
  return found;
}
