import { isErrorCode, RitmoError, toError } from '@ritmo/shared';

export interface ApiClientOptions {
  /** The server's base URL, e.g. `http://127.0.0.1:8080`. */
  serverUrl: string;
  /** An API token (`ritmo_…`), sent as a bearer token. */
  token: string;
  signal?: AbortSignal;
}

export interface ApiClient {
  /** Sends one JSON request under the server URL; resolves to the parsed answer (undefined for 204). */
  request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

interface ErrorEnvelope {
  error: string;
  message: string;
  details?: unknown;
  suggestions?: string[];
}

function isEnvelope(value: unknown): value is ErrorEnvelope {
  return typeof value === 'object' && value !== null && typeof (value as ErrorEnvelope).error === 'string' && typeof (value as ErrorEnvelope).message === 'string';
}

/**
 * The CLI's HTTP access to the REST API (fetch, JSON, bearer token). An error answer becomes the
 * RitmoError the server named; a refused connection is ERR_CLI_SERVER_UNREACHABLE and an answer that
 * is not the API's JSON is ERR_CLI_SERVER_RESPONSE.
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = options.serverUrl.replace(/\/+$/, '');
  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const url = `${base}${path}`;
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers: { authorization: `Bearer ${options.token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          ...(options.signal ? { signal: options.signal } : {}),
        });
      } catch (e: unknown) {
        const error = toError(e);
        if (error.name === 'AbortError') throw new RitmoError('ERR_ABORTED', `${method} ${url} was canceled`, { cause: error });
        const cause = toError(error.cause ?? error);
        throw new RitmoError('ERR_CLI_SERVER_UNREACHABLE', `cannot reach the Ritmo server at ${base}: ${cause.message}`, {
          cause: error,
          suggestions: ['check --server (or RITMO_SERVER_URL) and that the server runs'],
        });
      }
      if (response.status === 204) return undefined as T;
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      if (response.ok && parsed !== undefined) return parsed as T;
      if (!response.ok && isEnvelope(parsed) && isErrorCode(parsed.error)) {
        throw new RitmoError(parsed.error, parsed.message, { details: parsed.details, suggestions: parsed.suggestions ?? [] });
      }
      throw new RitmoError('ERR_CLI_SERVER_RESPONSE', `${method} ${url} answered ${response.status} without the API's JSON`, {
        details: { status: response.status, body: text.slice(0, 200) },
        suggestions: ['check that --server (or RITMO_SERVER_URL) points at a Ritmo server'],
      });
    },
  };
}
