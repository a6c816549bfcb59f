import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RitmoError } from '@ritmo/shared';

export type AppName = 'server' | 'agent';

/**
 * Where an app's built entry lives. The CLI starts the server and agents as processes and never imports
 * them; in this repository they sit beside it (`apps/<name>/dist/main.js`). `RITMO_<NAME>_ENTRY` overrides.
 */
export function appEntry(name: AppName, env: Readonly<Record<string, string | undefined>>): string {
  const override = env[`RITMO_${name.toUpperCase()}_ENTRY`];
  const path = override ?? fileURLToPath(new URL(`../../../${name}/dist/main.js`, import.meta.url));
  if (!existsSync(path)) {
    throw new RitmoError('ERR_CLI_APP_NOT_BUILT', `the ${name} is not built: ${path} is missing (run npm run build)`, {
      details: { app: name, path },
    });
  }
  return path;
}
