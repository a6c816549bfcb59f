import { RitmoError } from '@ritmo/shared';
import type { ApiClientOptions } from './create-api-client.js';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8080';

/** `--server` and `--token` as every command that talks to a server takes them. */
export interface ServerCliOptions {
  server?: string;
  token?: string;
}

/**
 * The server URL and API token: the options, else RITMO_SERVER_URL and RITMO_TOKEN, else the local
 * default URL. A missing token or a malformed URL is ERR_CLI_USAGE.
 */
export function serverOptions(options: ServerCliOptions, env: Readonly<Record<string, string | undefined>>): ApiClientOptions {
  const serverUrl = options.server ?? (env['RITMO_SERVER_URL'] || DEFAULT_SERVER_URL);
  if (!URL.canParse(serverUrl) || !/^https?:$/.test(new URL(serverUrl).protocol)) {
    throw new RitmoError('ERR_CLI_USAGE', `--server must be an http:// or https:// URL, not "${serverUrl}"`);
  }
  const token = options.token ?? env['RITMO_TOKEN'];
  if (token === undefined || token === '') {
    throw new RitmoError('ERR_CLI_USAGE', 'an API token is needed: pass --token or set RITMO_TOKEN', {
      suggestions: ['create one with POST /api/v1/tokens, or use the token printed at first start'],
    });
  }
  return { serverUrl, token };
}
