import type { FastifyInstance } from 'fastify';
import { RitmoError, type Clock } from '@ritmo/shared';
import { toErrorEnvelope, toRitmoError } from './to-error-envelope.js';

/**
 * Every error answer is the envelope of DESIGN.md §6, Fastify's own included (bad JSON, body too large,
 * unknown route). 5xx are logged at error with the request; the rest at info.
 */
export function installErrorHandling(app: FastifyInstance, clock: Clock): void {
  app.setErrorHandler((error, request, reply) => {
    const e = toRitmoError(error instanceof Error ? error : new Error(String(error)));
    if (e.status >= 500) request.log.error({ err: error, code: e.code }, 'request failed');
    else request.log.info({ code: e.code, message: e.message }, 'request rejected');
    return reply.code(e.status).send(toErrorEnvelope(e, clock.now()));
  });
  app.setNotFoundHandler((request, reply) => {
    const e = new RitmoError('ERR_API_ROUTE_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`, {
      suggestions: ['GET /api/v1/openapi.json lists every route'],
    });
    return reply.code(404).send(toErrorEnvelope(e, clock.now()));
  });
  // An empty body with a JSON content type reads as no body (POST …/cancel from clients that always send the header).
  const json = app.getDefaultJsonParser('error', 'error');
  // The API speaks JSON only: other bodies are 415, not strings handed to the schemas.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (typeof body === 'string' && body.trim() === '') return done(null, undefined);
    return json(request, body.toString(), done);
  });
}
