import { createRitmoClient, isRitmoApiError, type RitmoClient } from '@ritmo/client';
import { isErrorCode, RitmoError, toError } from '@ritmo/shared';
import { serverOptions, type ServerCliOptions } from '../api/server-options.js';
import type { CliDeps } from '../cli-deps.js';
import { withCliErrors } from '../with-cli-errors.js';

/** A command's connection to one server: the typed client and where the server is. */
export interface Remote {
  client: RitmoClient;
  /** The server URL without a trailing slash (links to the web UI start with it). */
  serverUrl: string;
}

/**
 * Runs a command that talks to a server: `--server`/`--token` (or RITMO_SERVER_URL / RITMO_TOKEN) make
 * the client, every request stops when `deps.signal` aborts (Ctrl-C), and what the client throws becomes
 * the RitmoError withCliErrors prints (`ritmo: ERR_CODE: message`, hints, exit 1; usage errors exit 2).
 */
export function withRemote(options: ServerCliOptions, deps: CliDeps, command: (remote: Remote) => Promise<number>): Promise<number> {
  return withCliErrors(deps, async () => {
    const { serverUrl, token } = serverOptions(options, deps.env);
    const signalled: typeof fetch = (input, init) =>
      fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, deps.signal]) : deps.signal });
    const remote: Remote = { client: createRitmoClient({ baseUrl: serverUrl, token, fetch: signalled }), serverUrl: serverUrl.replace(/\/+$/, '') };
    try {
      return await command(remote);
    } catch (e: unknown) {
      throw toCliError(e, remote.serverUrl);
    }
  });
}

/** The CLI's error for what a client call threw: the server's own code, or what kept the CLI from getting one. */
export function toCliError(e: unknown, serverUrl: string): Error {
  const error = toError(e);
  if (error.name === 'AbortError') return new RitmoError('ERR_ABORTED', 'interrupted', { cause: error });
  if (!isRitmoApiError(error)) return error;
  if (error.code === 'ERR_CLIENT_NETWORK') {
    // fetch's own message is "fetch failed"; the reason (ECONNREFUSED …) is its cause.
    const reason = toError(toError(error.cause ?? error).cause ?? error.cause ?? error).message;
    return new RitmoError('ERR_CLI_SERVER_UNREACHABLE', `cannot reach the Ritmo server at ${serverUrl}: ${reason}`, {
      cause: error,
      suggestions: ['check --server (or RITMO_SERVER_URL) and that the server runs'],
    });
  }
  if (error.code === 'ERR_CLIENT_BAD_RESPONSE' || !isErrorCode(error.code)) {
    const code = error.code === 'ERR_CLIENT_BAD_RESPONSE' ? '' : `${error.code}: `;
    return new RitmoError('ERR_CLI_SERVER_RESPONSE', `${code}${error.message} (HTTP ${error.status} from ${serverUrl})`, {
      cause: error,
      details: error.details,
      suggestions: ['check that --server (or RITMO_SERVER_URL) points at a Ritmo server'],
    });
  }
  return new RitmoError(error.code, error.message, { cause: error, details: error.details, suggestions: error.suggestions });
}
