import { StringDecoder } from 'node:string_decoder';
import type { Clock } from '@ritmo/shared';
import { createLineSplitter } from './line-splitter.js';
import type { LogLine } from './log-line.js';
import type { SecretMasker } from './secret-masker.js';

export interface StreamWriter {
  write(chunk: Uint8Array): void;
  /** Flushes the held-back text and the partial last line. */
  end(): void;
}

export interface LogWriter {
  /** A writer for one output stream of one step: bytes in, masked lines out. */
  stream(stream: 'stdout' | 'stderr', stepId?: string): StreamWriter;
  /** A line from the runner itself (step started, timed out, ...). Masked too. */
  system(text: string, stepId?: string): void;
}

export interface LogWriterDeps {
  masker: SecretMasker;
  onLog: (line: LogLine) => void;
  clock: Clock;
}

/**
 * Turns step output into log lines: UTF-8 decoding across chunk boundaries, secret masking on the
 * continuous text (so a secret split between chunks is still caught), then line splitting. Nothing
 * reaches `onLog` unmasked.
 */
export function createLogWriter(deps: LogWriterDeps): LogWriter {
  let offset = 0;
  const emit = (stream: LogLine['stream'], text: string, stepId: string | undefined): void => {
    const line: LogLine = { stream, text, ts: deps.clock.now(), offset };
    if (stepId !== undefined) line.stepId = stepId;
    offset += Buffer.byteLength(text) + 1;
    deps.onLog(line);
  };
  return {
    stream(stream, stepId) {
      const decoder = new StringDecoder('utf8');
      const masking = deps.masker.createStream();
      const lines = createLineSplitter((text) => emit(stream, text, stepId));
      return {
        write: (chunk) => lines.write(masking.write(decoder.write(chunk as Buffer))),
        end() {
          lines.write(masking.write(decoder.end()));
          lines.write(masking.flush());
          lines.flush();
        },
      };
    },
    system(text, stepId) {
      for (const line of deps.masker.mask(text).split('\n')) emit('system', line, stepId);
    },
  };
}
