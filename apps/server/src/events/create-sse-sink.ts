import type { FastifyReply } from 'fastify';
import type { LiveSink } from './live-sink.js';

/**
 * Takes over a reply and turns it into a Server-Sent Events stream: `id:` is the resume point, `event:`
 * the event type, `data:` the event as JSON. A comment line every `heartbeatMs` keeps proxies from
 * closing an idle stream.
 */
export function createSseSink(reply: FastifyReply, options: { heartbeatMs: number; shutdown: AbortSignal }): LiveSink {
  const controller = new AbortController();
  const raw = reply.raw;
  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  raw.write(': ritmo live events\nretry: 2000\n\n');
  const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), options.heartbeatMs);
  const stop = (): void => {
    if (controller.signal.aborted) return;
    clearInterval(heartbeat);
    options.shutdown.removeEventListener('abort', end);
    controller.abort();
    if (!raw.writableEnded) raw.end();
  };
  const end = (): void => stop();
  raw.on('close', stop);
  options.shutdown.addEventListener('abort', end);
  return {
    signal: controller.signal,
    send(id, event) {
      if (controller.signal.aborted) return;
      const idLine = id === null ? '' : `id: ${id}\n`;
      raw.write(`${idLine}event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    },
    end,
  };
}
