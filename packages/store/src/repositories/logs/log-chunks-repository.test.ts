import { describe, expect, it } from 'vitest';
import { STORE_KINDS, useTestStore } from '../../testing/test-stores.js';
import { createTestProject, testJobs, testPlan, testPlanJob } from '../../testing/test-plan.js';

describe.each(STORE_KINDS)('log chunks repository on %s', (kind) => {
  const t = useTestStore(kind);

  async function seedJob(): Promise<string> {
    const project = await createTestProject(t.store);
    const { jobs } = await t.store.builds.createBuildWithJobs({
      build: { projectId: project.id, event: 'manual', trusted: true, plan: testPlan([testPlanJob('a')]) },
      jobs: testJobs('a'),
    });
    return jobs[0]?.id ?? '';
  }

  const bytes = (s: string) => Buffer.from(s, 'utf8');

  it('appends chunks at the end and reads the log back, whole or by range', async () => {
    const jobId = await seedJob();
    expect(await t.store.logs.appendLogChunk({ jobId, attempt: 1, offset: 0, data: bytes('hello ') })).toEqual({ end: 6, written: 6 });
    expect(await t.store.logs.appendLogChunk({ jobId, attempt: 1, offset: 6, data: bytes('wörld\n') })).toEqual({ end: 13, written: 7 });
    await t.store.logs.appendLogChunk({ jobId, attempt: 1, offset: 13, data: Buffer.from([0, 255, 10]) });

    const log = await t.store.logs.readLog(jobId, 1);
    expect(log).toEqual(Buffer.concat([bytes('hello wörld\n'), Buffer.from([0, 255, 10])]));
    expect(await t.store.logs.getLogSize(jobId, 1)).toBe(16);
    expect((await t.store.logs.readLog(jobId, 1, { from: 4, to: 9 })).toString('utf8')).toBe('o wö');
    expect(await t.store.logs.readLog(jobId, 1, { from: 13 })).toEqual(Buffer.from([0, 255, 10]));
    expect(await t.store.logs.readLog(jobId, 1, { from: 16 })).toEqual(Buffer.alloc(0));
    expect(await t.store.logs.readLog(jobId, 1, { from: 100 })).toEqual(Buffer.alloc(0));
    expect(await t.store.logs.readLog(jobId, 2)).toEqual(Buffer.alloc(0));
  });

  it('accepts a resent chunk with the same bytes at the same offset, once', async () => {
    const jobId = await seedJob();
    await t.store.logs.appendLogChunk({ jobId, attempt: 1, offset: 0, data: bytes('abc') });
    await t.store.logs.appendLogChunk({ jobId, attempt: 1, offset: 3, data: bytes('def') });

    expect(await t.store.logs.appendLogChunk({ jobId, attempt: 1, offset: 3, data: bytes('def') })).toEqual({ end: 6, written: 0 });
    expect(await t.store.logs.appendLogChunk({ jobId, attempt: 1, offset: 1, data: bytes('bcd') })).toEqual({ end: 6, written: 0 });
    // A resend that repeats stored bytes and carries new ones stores only the new tail.
    expect(await t.store.logs.appendLogChunk({ jobId, attempt: 1, offset: 4, data: bytes('efgh') })).toEqual({ end: 8, written: 2 });
    expect((await t.store.logs.readLog(jobId, 1)).toString()).toBe('abcdefgh');
  });

  it('refuses a gap with the offset it expects', async () => {
    const jobId = await seedJob();
    await t.store.logs.appendLogChunk({ jobId, attempt: 1, offset: 0, data: bytes('abc') });
    await expect(t.store.logs.appendLogChunk({ jobId, attempt: 1, offset: 5, data: bytes('x') })).rejects.toMatchObject({
      code: 'ERR_STORE_LOG_GAP',
      status: 409,
      details: { expectedOffset: 3, offset: 5 },
    });
    await expect(t.store.logs.appendLogChunk({ jobId, attempt: 2, offset: 1, data: bytes('x') })).rejects.toMatchObject({
      code: 'ERR_STORE_LOG_GAP',
      details: { expectedOffset: 0 },
    });
    expect(await t.store.logs.getLogSize(jobId, 1)).toBe(3);
  });

  it('refuses an overlap with different bytes and stores nothing of it', async () => {
    const jobId = await seedJob();
    await t.store.logs.appendLogChunk({ jobId, attempt: 1, offset: 0, data: bytes('abc') });
    await expect(t.store.logs.appendLogChunk({ jobId, attempt: 1, offset: 2, data: bytes('Xdef') })).rejects.toMatchObject({
      code: 'ERR_STORE_LOG_OVERLAP',
      details: { expectedOffset: 3 },
    });
    expect((await t.store.logs.readLog(jobId, 1)).toString()).toBe('abc');
  });

  it('keeps one copy when the same chunk races with itself', async () => {
    const jobId = await seedJob();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => t.store.logs.appendLogChunk({ jobId, attempt: 1, offset: 0, data: bytes('once') })),
    );
    expect(results.map((r) => r.written).sort()).toEqual([0, 0, 0, 0, 0, 4]);
    expect((await t.store.logs.readLog(jobId, 1)).toString()).toBe('once');
  });

  it('rejects chunks for a job that does not exist, and deletes an attempt\'s chunks', async () => {
    await expect(t.store.logs.appendLogChunk({ jobId: 'j_missing', attempt: 1, offset: 0, data: bytes('x') })).rejects.toMatchObject({
      code: 'ERR_STORE_INVALID_REFERENCE',
    });
    const jobId = await seedJob();
    await t.store.logs.appendLogChunk({ jobId, attempt: 1, offset: 0, data: bytes('a') });
    await t.store.logs.appendLogChunk({ jobId, attempt: 1, offset: 1, data: bytes('b') });
    expect(await t.store.logs.deleteLogChunks(jobId, 1)).toBe(2);
    expect(await t.store.logs.getLogSize(jobId, 1)).toBe(0);
  });
});
