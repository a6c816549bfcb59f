import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebSocket } from '@fastify/websocket';
import type { z } from 'zod';
import type { ErrorCode } from '@ritmo/shared';
import type { Actor, Resource } from '../auth/actor.js';
import type { Action } from '../auth/authorize.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The validated input of a request. */
export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  actor: Actor;
}

/** What the policy is asked about, plus whatever was loaded to find out (handed to the handler). */
export interface Guard<L> {
  action: Action;
  resource: Resource;
  loaded: L;
}

export interface RouteContext<P, Q, B, L> extends RouteInput<P, Q, B> {
  loaded: L;
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * One REST route: its contract (schemas, answer, errors) and its behaviour. The same list of specs
 * registers the Fastify routes and produces the OpenAPI document, so the two cannot drift.
 */
export interface RouteSpec<P = unknown, Q = unknown, B = unknown, L = unknown> {
  method: HttpMethod;
  /** OpenAPI-style path: `/api/v1/builds/{id}`. */
  path: string;
  summary: string;
  tag: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** The success answer: a JSON schema, or a content type for other bodies; 204 has neither. */
  response: { status: number; schema?: z.ZodType; contentType?: string; description?: string };
  /** Error codes this route answers with besides the common ones, for the documentation. */
  errors?: ErrorCode[];
  /**
   * `public` routes need no credentials. Every other route names the action and resource the policy
   * checks before the handler runs.
   */
  guard: 'public' | ((input: RouteInput<P, Q, B>) => Guard<L> | Promise<Guard<L>>);
  /** Per-route request limit (sign-in). */
  rateLimit?: { max: number; timeWindowMs: number; code: ErrorCode };
  /** Largest body this route accepts, when it differs from the server's limit. */
  bodyLimit?: number;
  handler: (ctx: RouteContext<P, Q, B, L>) => unknown;
  /** GET routes may also accept a WebSocket upgrade on the same path (after the same checks). */
  websocket?: (ctx: Omit<RouteContext<P, Q, B, L>, 'reply'> & { socket: WebSocket }) => unknown;
}

/** Keeps the generic types of one spec while it goes into a list of specs. */
export function defineRoute<P = undefined, Q = undefined, B = undefined, L = undefined>(spec: RouteSpec<P, Q, B, L>): RouteSpec {
  return spec as unknown as RouteSpec;
}
