// The step of the logs scenario: prints `bytes` of log as 100-byte lines `<seq> <epoch ms.µs> xxx…`,
// each stamped with the wall-clock time it is handed to stdout (a pipe: writes block when it is full).
import { performance } from 'node:perf_hooks';
import { writeSync } from 'node:fs';

const total = Number(process.argv[2] ?? 200_000_000);
const LINE = 100;
const PER_WRITE = 160; // lines per write (16 000 bytes)
let seq = 0;
for (let written = 0; written < total; ) {
  const now = (performance.timeOrigin + performance.now()).toFixed(3);
  const count = Math.min(PER_WRITE, Math.ceil((total - written) / LINE));
  let block = '';
  for (let i = 0; i < count; i++) {
    const head = `${seq++} ${now} `;
    block += head + 'x'.repeat(LINE - 1 - head.length) + '\n';
  }
  const bytes = Buffer.from(block);
  for (let off = 0; off < bytes.length; ) {
    try {
      off += writeSync(1, bytes, off);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
    }
  }
  written += bytes.length;
}
