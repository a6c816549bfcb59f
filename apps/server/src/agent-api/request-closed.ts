import type { FastifyReply } from 'fastify';

/** A signal aborted when the client goes away before the answer was sent (a held request's caller gave up). */
export function requestClosed(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}
