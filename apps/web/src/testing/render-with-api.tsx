import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createRitmoClient } from '@ritmo/client';
import { RitmoProvider } from '../lib/ritmo-context';

/** Answers a request the fixed routes do not: `undefined` falls through to them. */
export type ApiHandler = (request: { method: string; path: string; body: unknown }) => { status: number; body: unknown } | undefined;

/**
 * Renders `ui` against a stand-in server: `routes` maps request paths (no query) to the JSON it
 * answers; anything else is a 404. `paths` are the routes its OpenAPI document lists. Returns the
 * URLs requested, in order, beside the render result. `handle` answers any other request first (by
 * method, path and body), for writes and refusals; `calls` lists every request as `METHOD url [body]`.
 */
export function renderWithApi(ui: ReactNode, options: { paths: string[]; routes: Record<string, unknown>; handle?: ApiHandler }) {
  const requested: string[] = [];
  const calls: string[] = [];
  const fetchStub: typeof fetch = (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input), 'http://ritmo.test');
    const method = init?.method ?? 'GET';
    const sent = typeof init?.body === 'string' ? init.body : undefined;
    requested.push(`${url.pathname}${url.search}`);
    calls.push(`${method} ${url.pathname}${url.search}${sent ? ` ${sent}` : ''}`);
    const handled = options.handle?.({ method, path: url.pathname, body: sent === undefined ? undefined : (JSON.parse(sent) as unknown) });
    if (handled) return Promise.resolve(new Response(JSON.stringify(handled.body), { status: handled.status, headers: { 'content-type': 'application/json' } }));
    const body = url.pathname === '/api/v1/openapi.json' ? { paths: Object.fromEntries(options.paths.map((p) => [p, { get: {} }])) } : method === 'GET' ? options.routes[url.pathname] : undefined;
    const status = body === undefined ? 404 : 200;
    const json = body ?? { error: 'ERR_API_ROUTE_NOT_FOUND', message: 'no such route', details: null, suggestions: [], timestamp: new Date(0).toISOString() };
    return Promise.resolve(new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } }));
  };
  const client = createRitmoClient({ baseUrl: 'http://ritmo.test', fetch: fetchStub });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <RitmoProvider client={client}>{ui}</RitmoProvider>
    </QueryClientProvider>,
  );
  return { ...result, requested, calls };
}
