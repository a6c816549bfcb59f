import { RitmoError } from '@ritmo/shared';
import type { ArchiveLimits } from './archive-limits.js';

const BLOCK = 512;
/** Typeflags of headers whose contents tar readers buffer in memory: pax (x, g) and GNU long names (L, K). */
const META_TYPES = new Set(['x', 'g', 'L', 'K']);

function invalid(message: string): RitmoError {
  return new RitmoError('ERR_ARTIFACT_ARCHIVE_INVALID', `the archive is not a valid tar stream: ${message}`);
}

function tooLarge(limit: keyof ArchiveLimits, value: number, what: string): RitmoError {
  return new RitmoError('ERR_ARTIFACT_TOO_LARGE', `${what} is larger than ${value} bytes`, { details: { limit, bytes: value } });
}

/** The octal (or base-256) number in a header field. */
function readNumber(block: Uint8Array, offset: number, length: number): number {
  const first = block[offset] ?? 0;
  if (first & 0x80) {
    // Base-256: only sizes below 2^53 are representable, and those are far past any limit anyway.
    let value = first & 0x7f;
    for (let i = 1; i < length; i++) value = value * 256 + (block[offset + i] ?? 0);
    return value;
  }
  let text = '';
  for (let i = offset; i < offset + length; i++) {
    const c = block[i] ?? 0;
    if (c === 0 || c === 0x20) {
      if (text !== '') break;
      continue;
    }
    if (c < 0x30 || c > 0x37) throw invalid('a header has a malformed number');
    text += String.fromCharCode(c);
  }
  return text === '' ? 0 : parseInt(text, 8);
}

function checksumOk(block: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
  return sum === readNumber(block, 148, 8);
}

/**
 * Walks a decompressed tar stream block by block, before any tar parser sees it, so that no bound
 * depends on the parser: the stream's total size, the size of pax and GNU long-name headers (which
 * parsers hold in memory whole), and header checksums (a stream that loses step is refused rather
 * than read as garbage). Pure: feed it chunks with `push`, then `end`.
 */
export function createTarBlockScanner(limits: ArchiveLimits) {
  const header = new Uint8Array(BLOCK);
  let filled = 0;
  let skip = 0;
  let total = 0;
  let finished = false;

  const onHeader = (): void => {
    if (header.every((b) => b === 0)) {
      finished = true;
      return;
    }
    if (!checksumOk(header)) throw invalid('a header checksum does not match');
    const size = readNumber(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    if (META_TYPES.has(type) && size > limits.maxMetaBytes) throw tooLarge('maxMetaBytes', limits.maxMetaBytes, 'an extended header');
    if (size > limits.maxBytes) throw tooLarge('maxBytes', limits.maxBytes, 'an entry');
    skip = Math.ceil(size / BLOCK) * BLOCK;
  };

  return {
    push(chunk: Uint8Array): void {
      total += chunk.length;
      if (total > limits.maxBytes) throw tooLarge('maxBytes', limits.maxBytes, 'the decompressed archive');
      let at = 0;
      while (at < chunk.length) {
        if (finished) {
          // Readers go on parsing after an end marker; nothing but zero padding may follow it.
          if (chunk.subarray(at).some((b) => b !== 0)) throw invalid('data follows the end-of-archive marker');
          return;
        }
        if (skip > 0) {
          const n = Math.min(skip, chunk.length - at);
          skip -= n;
          at += n;
          continue;
        }
        const n = Math.min(BLOCK - filled, chunk.length - at);
        header.set(chunk.subarray(at, at + n), filled);
        filled += n;
        at += n;
        if (filled === BLOCK) {
          filled = 0;
          onHeader();
        }
      }
    },
    /** Call at the end of the stream: an archive cut inside a header or an entry is refused. */
    end(): void {
      if (!finished && (filled > 0 || skip > 0)) throw invalid('it ends in the middle of an entry');
    },
    get bytes(): number {
      return total;
    },
  };
}

export type TarBlockScanner = ReturnType<typeof createTarBlockScanner>;
