import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHostExecutor } from './host-executor.js';
import { MAX_LINE_LENGTH } from './line-splitter.js';
import { runJob } from './run-job.js';
import { makeJob, makeStep, tempDir } from './test-support.js';

const BYTES = 100_000_000;
const MIB = 1024 * 1024;

describe('runJob memory', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.cleanup());

  it.each([
    ['one endless line', `head -c ${BYTES} /dev/zero | tr '\\0' 'a'`],
    ['100k lines', `set +o pipefail; yes "$(head -c 999 /dev/zero | tr '\\0' 'x')" | head -c ${BYTES}`],
  ])('streams a step printing 100 MB (%s) with flat memory', async (_name, script) => {
    let bytes = 0;
    let lines = 0;
    let longest = 0;
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    try {
      const result = await runJob({
        job: makeJob([makeStep({ id: 'loud', run: script })]),
        executor: createHostExecutor(),
        workspace: dir.path,
        context: {},
        secrets: { TOKEN: 'never-printed-secret' },
        signal: new AbortController().signal,
        onLog: (line) => {
          peak = Math.max(peak, lines % 256 === 0 ? process.memoryUsage().rss : peak);
          if (line.stream !== 'stdout') return;
          lines++;
          bytes += line.text.length;
          longest = Math.max(longest, line.text.length);
        },
      });
      expect(result.status).toBe('success');
    } finally {
      clearInterval(sampler);
    }
    const newlines = script.includes('yes') ? lines : 0;
    expect(bytes + newlines).toBe(BYTES);
    expect(longest).toBeLessThanOrEqual(MAX_LINE_LENGTH);
    expect((peak - before) / MIB).toBeLessThan(50);
  }, 120_000);
});
