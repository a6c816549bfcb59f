import type { WebSocket } from '@fastify/websocket';
import type { LiveFrame } from '@ritmo/protocol';
import type { LiveSink } from './live-sink.js';

/** A live stream over a WebSocket: each event is one text message `{ id, event }` (LiveFrame). */
export function createWsSink(socket: WebSocket, options: { heartbeatMs: number; shutdown: AbortSignal }): LiveSink {
  const controller = new AbortController();
  const heartbeat = setInterval(() => socket.ping(), options.heartbeatMs);
  const stop = (): void => {
    if (controller.signal.aborted) return;
    clearInterval(heartbeat);
    options.shutdown.removeEventListener('abort', end);
    controller.abort();
  };
  const end = (): void => {
    stop();
    if (socket.readyState === socket.OPEN) socket.close(1000, 'end of stream');
  };
  socket.on('close', stop);
  socket.on('error', stop);
  options.shutdown.addEventListener('abort', end);
  return {
    signal: controller.signal,
    send(id, event) {
      if (controller.signal.aborted || socket.readyState !== socket.OPEN) return;
      const frame: LiveFrame = { id, event };
      socket.send(JSON.stringify(frame));
    },
    end,
  };
}
