import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from '@fastify/websocket';
import { RitmoError, toError, type Clock } from '@ritmo/shared';
import type { Actor } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { parseInput } from './parse-input.js';
import type { RouteSpec } from './route-spec.js';
import { toErrorEnvelope, toRitmoError } from './to-error-envelope.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

export type Authenticate = (request: FastifyRequest) => Promise<Actor | undefined>;

/** `/api/v1/builds/{id}` -> `/api/v1/builds/:id`. */
export function toFastifyPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

/** Validates a request's parts and asks the policy; returns what the handler gets. */
async function check(spec: RouteSpec, request: FastifyRequest) {
  const params = spec.params ? parseInput(spec.params, request.params, 'params') : undefined;
  const query = spec.query ? parseInput(spec.query, request.query, 'query') : undefined;
  const body = spec.body ? parseInput(spec.body, request.body ?? {}, 'body') : undefined;
  const actor = request.actor as Actor;
  let loaded: unknown;
  if (spec.guard !== 'public') {
    const guard = await spec.guard({ params, query, body, actor });
    authorize(actor, guard.action, guard.resource);
    loaded = guard.loaded;
  }
  return { params, query, body, actor, loaded, request };
}

function rateLimitConfig(spec: RouteSpec) {
  const limit = spec.rateLimit;
  if (!limit) return {};
  return {
    rateLimit: {
      max: limit.max,
      timeWindow: limit.timeWindowMs,
      errorResponseBuilder: (_req: unknown, ctx: { after: string }) =>
        new RitmoError(limit.code, `too many requests; retry in ${ctx.after}`, { suggestions: [`wait ${ctx.after}`] }),
    },
  };
}

/**
 * Registers each spec as a Fastify route: credentials are checked before the body is read, then
 * params, query and body are validated, then the policy decides, then the handler runs.
 */
export function registerRoutes(app: FastifyInstance, specs: readonly RouteSpec[], deps: { authenticate: Authenticate; clock: Clock }): void {
  for (const spec of specs) {
    const websocket = spec.websocket;
    app.route({
      method: spec.method,
      url: toFastifyPath(spec.path),
      ...(spec.bodyLimit === undefined ? {} : { bodyLimit: spec.bodyLimit }),
      config: rateLimitConfig(spec),
      onRequest: async (request) => {
        // Public routes (sign-in, health) work with stale credentials too: they are simply ignored.
        const actor = spec.guard === 'public' ? await deps.authenticate(request).catch(() => undefined) : await deps.authenticate(request);
        if (actor) request.actor = actor;
        else if (spec.guard !== 'public') {
          throw new RitmoError('ERR_AUTH_UNAUTHENTICATED', 'sign in or send a bearer token', {
            suggestions: ['send "Authorization: Bearer ritmo_…"', 'POST /api/v1/auth/login'],
          });
        }
      },
      handler: async (request, reply) => {
        const ctx = await check(spec, request);
        const result = await spec.handler({ ...ctx, reply });
        if (reply.sent) return reply;
        reply.code(spec.response.status);
        if (spec.response.status === 204) return reply.send();
        if (spec.response.contentType && !reply.hasHeader('content-type')) reply.type(spec.response.contentType);
        return reply.send(result);
      },
      ...(websocket
        ? {
            wsHandler: async (socket: WebSocket, request: FastifyRequest) => {
              try {
                await websocket({ ...(await check(spec, request)), socket });
              } catch (e: unknown) {
                const error = toRitmoError(toError(e));
                socket.send(JSON.stringify(toErrorEnvelope(error, deps.clock.now())));
                socket.close(error.status === 403 || error.status === 401 ? 1008 : 1011, error.code);
              }
            },
          }
        : {}),
    });
  }
}
