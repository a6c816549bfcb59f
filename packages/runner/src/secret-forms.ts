/** Shortest text the masker looks for; shorter fragments (lines of a multi-line value) are skipped. */
export const MIN_SECRET_LENGTH = 4;

/**
 * Every form in which a secret value can show up in a log: the raw value, each line of a multi-line
 * value, and the base64 (at each of the three byte alignments inside a longer encoded text),
 * base64url, URL-encoded and JSON-escaped forms of each.
 */
export function secretForms(value: string): string[] {
  const parts = new Set<string>([value]);
  for (const line of value.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed.length >= MIN_SECRET_LENGTH) parts.add(trimmed);
  }
  const forms = new Set<string>();
  for (const part of parts) {
    forms.add(part);
    for (const b64 of base64Forms(part)) {
      forms.add(b64);
      forms.add(b64.replaceAll('+', '-').replaceAll('/', '_'));
    }
    const url = encodeURIComponent(part);
    forms.add(url);
    forms.add(url.replaceAll('%20', '+'));
    forms.add(JSON.stringify(part).slice(1, -1));
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

/**
 * The base64 characters that depend only on the value's bytes, for the value starting at byte offset
 * 0, 1 or 2 (mod 3) of a longer encoded text. Characters mixing in neighbouring bytes are left out.
 */
function base64Forms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const forms: string[] = [];
  for (const shift of [0, 1, 2]) {
    const total = shift + bytes.length;
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const first = Math.ceil((8 * shift) / 6);
    const last = Math.floor((8 * total) / 6);
    forms.push(encoded.slice(first, last));
  }
  return forms;
}
