import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { STORE_KINDS } from '@ritmo/store/testing';
import { useTestServer } from '../testing/test-server.js';

describe.each(STORE_KINDS)('health, metrics and OpenAPI (%s)', (kind) => {
  const t = useTestServer(kind);

  it('answers /healthz and /readyz without credentials', async () => {
    expect((await t.call('GET', '/healthz', { token: null })).text).toBe('ok\n');
    const ready = await t.call('GET', '/readyz', { token: null });
    expect(ready.status).toBe(200);
  });

  it('exposes Prometheus metrics from the database and the HTTP layer', async () => {
    await t.call('POST', '/api/v1/projects', { body: { name: 'm', pipeline: 'jobs:\n  a:\n    runs-on: [linux, x64]\n    steps:\n      - run: "true"\n' } });
    await t.call('POST', '/api/v1/projects/m/builds', { body: {} });
    const res = await t.call('GET', '/metrics', { token: null });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toContain('ritmo_builds{status="queued"} 1');
    expect(res.text).toContain('ritmo_queue_depth{labels="linux,x64"} 1');
    expect(res.text).toMatch(/ritmo_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/projects\/:project\/builds",status="201"\} 1/);
    expect(res.text).toContain('ritmo_builds_triggered_total{event="manual"} 1');
    expect(res.text).toContain('# TYPE ritmo_job_wait_seconds histogram');
  });

  it('publishes a valid OpenAPI 3.1 document that lists every route', async () => {
    const res = await t.call('GET', '/api/v1/openapi.json', { token: null });
    expect(res.status).toBe(200);
    const doc = res.json;
    expect(doc.openapi).toBe('3.1.0');
    await SwaggerParser.validate(structuredClone(doc));
    const listed = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const routes = t.app.ritmo.routes.map((r) => `${r.method} ${r.path}`);
    expect(listed.sort()).toEqual(routes.sort());
    expect(routes.length).toBeGreaterThan(40);
    const trigger = doc.paths['/api/v1/projects/{project}/builds'].post;
    expect(trigger.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    expect(trigger.responses['201'].content['application/json'].schema.$ref).toBe('#/components/schemas/BuildDetail');
    expect(trigger.responses['422'].description).toContain('ERR_API_PIPELINE_INVALID');
  });
});
