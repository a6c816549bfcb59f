import { createManualClock } from '@ritmo/shared';
import { describe, expect, it } from 'vitest';
import type { LogLine } from './log-line.js';
import { createLogWriter } from './log-writer.js';
import { createSecretMasker } from './secret-masker.js';

describe('createLogWriter', () => {
  it('decodes UTF-8, masks and splits lines whatever byte the chunks end on', () => {
    const secret = 'pässwörd-ü€';
    const bytes = Buffer.from(`héllo ${secret} wörld\nnext ${secret}\n`);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const lines: LogLine[] = [];
      const log = createLogWriter({ masker: createSecretMasker({ S: secret }), onLog: (l) => lines.push(l), clock: createManualClock(5) });
      const out = log.stream('stdout', 'step-1');
      out.write(bytes.subarray(0, cut));
      out.write(bytes.subarray(cut));
      out.end();
      expect(lines.map((l) => l.text)).toEqual(['héllo *** wörld', 'next ***']);
    }
  });

  it('tags lines with stream, step, time and byte offset, and masks system lines', () => {
    const lines: LogLine[] = [];
    const log = createLogWriter({ masker: createSecretMasker({ S: 'hunter22' }), onLog: (l) => lines.push(l), clock: createManualClock(42) });
    log.system('start hunter22');
    const err = log.stream('stderr', 's1');
    err.write(Buffer.from('é\nno newline'));
    err.end();
    expect(lines).toEqual([
      { stream: 'system', text: 'start ***', ts: 42, offset: 0 },
      { stream: 'stderr', text: 'é', ts: 42, stepId: 's1', offset: 10 },
      { stream: 'stderr', text: 'no newline', ts: 42, stepId: 's1', offset: 13 },
    ]);
  });
});
