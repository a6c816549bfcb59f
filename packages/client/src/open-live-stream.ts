import { LiveEvent } from '@ritmo/protocol';
import { toError } from '@ritmo/shared';
import type { Http, QueryValue } from './create-http.js';
import { errorFromResponse } from './create-http.js';
import { createSseParser } from './parse-sse.js';
import type { RitmoApiError } from './ritmo-api-error.js';

export type LiveState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface LiveStreamOptions {
  onEvent(event: LiveEvent, id: string | null): void;
  onState?(state: LiveState): void;
  /** A failure that ends the stream (the server refused it: 401, 403, 404 …). */
  onError?(error: RitmoApiError): void;
  /** The connection failed or dropped; the stream reconnects by itself. */
  onDisconnect?(error: Error): void;
  /** Resume point to start from (what a previous stream's `lastEventId` was). */
  lastEventId?: string;
  /** The stream closes itself once an event makes this true (e.g. build.finished). */
  closeWhen?(event: LiveEvent): boolean;
  signal?: AbortSignal;
}

export interface LiveStream {
  close(): void;
  /** The last resume point received; a new stream started with it continues where this one stopped. */
  readonly lastEventId: string | undefined;
  /** Settles once the stream is closed for good. */
  readonly closed: Promise<void>;
}

const MIN_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

/**
 * Follows a Server-Sent Events path over fetch (so a bearer token works as well as the session cookie).
 * When the connection drops it reconnects after the server's `retry:` delay (growing while failures
 * repeat) and sends `Last-Event-ID`, so the server resumes where the stream stopped. Events that are not
 * known live events are skipped. A 4xx answer ends the stream through `onError`.
 */
export function openLiveStream(http: Http, path: string, query: Record<string, QueryValue>, options: LiveStreamOptions): LiveStream {
  const controller = new AbortController();
  const outer = options.signal;
  const onOuterAbort = (): void => controller.abort();
  if (outer?.aborted) controller.abort();
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  let lastEventId = options.lastEventId;
  let retryMs = 2_000;
  let failures = 0;

  const setState = (state: LiveState): void => options.onState?.(state);
  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      controller.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });

  const connectOnce = async (): Promise<'again' | 'stop'> => {
    const headers = http.headers({ accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) });
    const response = await http.fetch(http.url(path, query), { headers, credentials: 'same-origin', cache: 'no-store', signal: controller.signal });
    if (!response.ok) {
      const error = await errorFromResponse(response);
      if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
        options.onError?.(error);
        return 'stop';
      }
      throw error;
    }
    if (!response.body) throw new Error('the event stream has no body');
    setState('open');
    failures = 0;
    let stop = false;
    const parser = createSseParser({
      onRetry: (ms) => (retryMs = Math.max(MIN_RETRY_MS, ms)),
      onMessage: (message) => {
        if (stop) return;
        if (message.id !== undefined) lastEventId = message.id;
        let parsed: unknown;
        try {
          parsed = JSON.parse(message.data);
        } catch {
          return;
        }
        const event = LiveEvent.safeParse(parsed);
        if (!event.success) return;
        options.onEvent(event.data, message.id ?? null);
        if (options.closeWhen?.(event.data)) stop = true;
      },
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done || stop) break;
        parser.push(value);
        if (stop) break;
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    return stop ? 'stop' : 'again';
  };

  const run = async (): Promise<void> => {
    setState('connecting');
    while (!controller.signal.aborted) {
      let outcome: 'again' | 'stop';
      try {
        outcome = await connectOnce();
      } catch (e: unknown) {
        if (controller.signal.aborted) break;
        options.onDisconnect?.(toError(e));
        failures++;
        outcome = 'again';
      }
      if (outcome === 'stop' || controller.signal.aborted) break;
      setState('reconnecting');
      await wait(Math.min(MAX_RETRY_MS, retryMs * 2 ** Math.min(failures, 5)));
    }
    outer?.removeEventListener('abort', onOuterAbort);
    setState('closed');
  };

  const closed = run();
  return {
    close: () => controller.abort(),
    get lastEventId() {
      return lastEventId;
    },
    closed,
  };
}
