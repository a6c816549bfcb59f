import type { Command } from 'commander';
import { DEFAULT_SERVER_URL } from '../api/server-options.js';

/** `--server` and `--token`, which every command that talks to a server takes. */
export function addServerOptions(command: Command): Command {
  return command
    .option('--server <url>', `the server URL (default: RITMO_SERVER_URL, else ${DEFAULT_SERVER_URL})`)
    .option('--token <token>', 'an API token (default: RITMO_TOKEN)');
}
