import type { LiveEvent } from '@ritmo/protocol';

/** Where a live stream writes: an SSE response or a WebSocket. */
export interface LiveSink {
  send(id: string | null, event: LiveEvent): void;
  /** Ends the stream from the server side. */
  end(): void;
  /** Aborted when the client goes away (or the server shuts down). */
  readonly signal: AbortSignal;
}
