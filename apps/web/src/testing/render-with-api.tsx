import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createRitmoClient } from '@ritmo/client';
import { RitmoProvider } from '../lib/ritmo-context';

/**
 * Renders `ui` against a stand-in server: `routes` maps request paths (no query) to the JSON it
 * answers; anything else is a 404. `paths` are the routes its OpenAPI document lists. Returns the
 * URLs requested, in order, beside the render result.
 */
export function renderWithApi(ui: ReactNode, options: { paths: string[]; routes: Record<string, unknown> }) {
  const requested: string[] = [];
  const fetchStub: typeof fetch = (input) => {
    const url = new URL(String(input instanceof Request ? input.url : input), 'http://ritmo.test');
    requested.push(`${url.pathname}${url.search}`);
    const body = url.pathname === '/api/v1/openapi.json' ? { paths: Object.fromEntries(options.paths.map((p) => [p, { get: {} }])) } : options.routes[url.pathname];
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
  return { ...result, requested };
}
