import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as api from '../index.js';

describe('REST schemas', () => {
  it('reject unknown fields and wrong types in requests', () => {
    expect(api.CreateProjectRequest.safeParse({ name: 'web', pipeline: 'jobs: {}' }).success).toBe(true);
    expect(api.CreateProjectRequest.safeParse({ name: 'web', owner: 'x' }).success).toBe(false);
    expect(api.CreateProjectRequest.safeParse({ name: 'Web Site' }).success).toBe(false);
    expect(api.TriggerBuildRequest.safeParse({ sha: 'not-hex' }).success).toBe(false);
    expect(api.TriggerBuildRequest.safeParse({ inputs: { n: 3, b: true, s: 'x' } }).success).toBe(true);
    expect(api.TriggerBuildRequest.safeParse({ inputs: { o: { nested: 1 } } }).success).toBe(false);
  });

  it('coerce and bound list queries', () => {
    expect(api.ListBuildsQuery.parse({ limit: '20', status: 'running' })).toEqual({ limit: 20, status: 'running' });
    expect(api.ListBuildsQuery.parse({})).toEqual({ limit: 50 });
    expect(api.ListBuildsQuery.safeParse({ limit: '0' }).success).toBe(false);
    expect(api.ListBuildsQuery.safeParse({ limit: '201' }).success).toBe(false);
  });

  it('describe a page of any item', () => {
    const page = api.Page(z.object({ id: z.string() }));
    expect(page.parse({ items: [{ id: 'a' }], nextCursor: null })).toEqual({ items: [{ id: 'a' }], nextCursor: null });
    expect(page.safeParse({ items: [{}], nextCursor: null }).success).toBe(false);
  });

  it('accept the error envelope with any details', () => {
    const envelope = { error: 'ERR_API_VALIDATION', message: 'bad', details: { issues: [] }, suggestions: [], timestamp: '2025-01-01T00:00:00.000Z' };
    expect(api.ErrorEnvelope.parse(envelope)).toEqual(envelope);
    expect(api.ErrorEnvelope.safeParse({ ...envelope, error: 'oops' }).success).toBe(false);
  });
});

describe('live events', () => {
  it('discriminate by type and carry byte offsets on log lines', () => {
    const log = { type: 'log.lines', buildId: 'b_1', jobId: 'j_1', attempt: 1, offset: 10, nextOffset: 16, text: 'hello\n' };
    expect(api.LiveEvent.parse(log)).toEqual(log);
    expect(api.LiveEvent.safeParse({ ...log, type: 'log.bytes' }).success).toBe(false);
    expect(api.LiveEvent.safeParse({ ...log, offset: -1 }).success).toBe(false);
    const frame = api.LiveFrame.parse({ id: null, event: { type: 'build.status', buildId: 'b_1', projectId: 'p_1', status: 'running', at: '2025-01-01T00:00:00.000Z' } });
    expect(frame.event.type).toBe('build.status');
  });

  it('converts to JSON Schema for OpenAPI', () => {
    const json = z.toJSONSchema(api.LiveEvent) as { oneOf?: unknown[]; anyOf?: unknown[] };
    expect((json.oneOf ?? json.anyOf)?.length).toBe(6);
    expect(z.toJSONSchema(api.CreateProjectRequest, { io: 'input' })).toMatchObject({ additionalProperties: false, required: ['name'] });
  });
});
