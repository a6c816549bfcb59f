import { RitmoError } from '@ritmo/shared';
import { MIN_SECRET_LENGTH, secretForms } from './secret-forms.js';

export const MASK = '***';

export interface SecretMasker {
  /** Masks a complete text. */
  mask(text: string): string;
  /** A masker for one continuous stream whose text arrives in arbitrary pieces. */
  createStream(): MaskingStream;
  /** Whether there is anything to mask at all. */
  readonly active: boolean;
}

/**
 * Masks a stream cut at arbitrary places: it holds back the last (longest form - 1) characters, since
 * they may be the start of a secret that the next piece completes.
 */
export interface MaskingStream {
  /** Returns the text that is safe to pass on now. */
  write(text: string): string;
  /** Returns what was held back, masked. Call once at the end of the stream. */
  flush(): string;
}

type Interval = [start: number, end: number];

/**
 * A masker for the given secrets (name -> value). Refuses values shorter than 4 characters
 * (ERR_RUNNER_SECRET_TOO_SHORT): they would mask half the log and still not be secret.
 */
export function createSecretMasker(secrets: Record<string, string>): SecretMasker {
  const forms = new Set<string>();
  for (const [name, value] of Object.entries(secrets)) {
    if (value.length < MIN_SECRET_LENGTH) {
      throw new RitmoError(
        'ERR_RUNNER_SECRET_TOO_SHORT',
        `Secret "${name}" is shorter than ${MIN_SECRET_LENGTH} characters; it cannot be masked safely.`,
        { details: { secret: name, minLength: MIN_SECRET_LENGTH } },
      );
    }
    for (const form of secretForms(value)) forms.add(form);
  }
  // Longest first, so `indexOf` work is spent on the most specific forms; the order does not change
  // the result since overlapping matches are merged.
  const patterns = [...forms].sort((a, b) => b.length - a.length);
  const maxLength = patterns[0]?.length ?? 0;

  return {
    active: patterns.length > 0,
    mask: (text) => (patterns.length === 0 ? text : render(text, findIntervals(text, patterns), false)),
    createStream: () => createMaskingStream(patterns, maxLength),
  };
}

function createMaskingStream(patterns: string[], maxLength: number): MaskingStream {
  let pending = '';
  /** Characters at the start of `pending` that belong to a match already partly masked. */
  let forced = 0;
  return {
    write(text) {
      if (patterns.length === 0) return text;
      const buffer = pending + text;
      const cut = Math.max(0, buffer.length - (maxLength - 1));
      if (cut === 0) {
        pending = buffer;
        return '';
      }
      const intervals = findIntervals(buffer, patterns, forced);
      const continuing = forced > 0;
      forced = 0;
      const emitted: Interval[] = [];
      for (const [start, end] of intervals) {
        if (start >= cut) break;
        emitted.push([start, Math.min(end, cut)]);
        if (end > cut) forced = end - cut;
      }
      pending = buffer.slice(cut);
      return render(buffer.slice(0, cut), emitted, continuing);
    },
    flush() {
      const out = render(pending, findIntervals(pending, patterns, forced), forced > 0);
      pending = '';
      forced = 0;
      return out;
    },
  };
}

/** Sorted, merged ranges covered by any pattern; `[0, forced)` is always included. */
function findIntervals(text: string, patterns: string[], forced = 0): Interval[] {
  const found: Interval[] = forced > 0 ? [[0, forced]] : [];
  for (const pattern of patterns) {
    let at = text.indexOf(pattern);
    while (at !== -1) {
      found.push([at, at + pattern.length]);
      at = text.indexOf(pattern, at + 1);
    }
  }
  if (found.length <= 1) return found;
  found.sort((a, b) => a[0] - b[0]);
  const merged: Interval[] = [found[0]!];
  for (const [start, end] of found.slice(1)) {
    const last = merged[merged.length - 1]!;
    if (start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Replaces each interval by one mask; `continuing` means an interval at 0 continues an emitted mask. */
function render(text: string, intervals: Interval[], continuing: boolean): string {
  if (intervals.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [start, end] of intervals) {
    out += text.slice(at, start);
    if (!(continuing && start === 0)) out += MASK;
    at = end;
  }
  return out + text.slice(at);
}
