import { RitmoError } from '@ritmo/shared';

/** One piece of an XML document, as the JUnit reader needs it. */
export type XmlToken =
  | { kind: 'open'; name: string; attrs: Record<string, string>; selfClosing: boolean }
  | { kind: 'close'; name: string }
  | { kind: 'text'; text: string };

const NAME = /[A-Za-z_:][\w:.-]*/y;
const ATTR = /\s*([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const lineAt = (xml: string, at: number): number => xml.slice(0, at).split('\n').length;

function invalid(xml: string, at: number, what: string): RitmoError {
  return new RitmoError('ERR_REPORT_INVALID', `invalid XML at line ${lineAt(xml, at)}: ${what}`, { details: { line: lineAt(xml, at) } });
}

/** Replaces the five predefined entities and character references; anything else stays as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[ref] ?? whole;
  });
}

/**
 * Reads `xml` one token at a time (a generator: the caller stops whenever it has seen enough). No
 * DTD is ever read: a DOCTYPE or ENTITY declaration is refused outright, so entities cannot expand.
 * Comments and processing instructions are skipped; CDATA is text.
 */
export function* xmlTokens(xml: string): Generator<XmlToken> {
  let at = 0;
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    if (lt === -1) {
      yield { kind: 'text', text: decodeEntities(xml.slice(at)) };
      return;
    }
    if (lt > at) yield { kind: 'text', text: decodeEntities(xml.slice(at, lt)) };
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end === -1) throw invalid(xml, lt, 'unterminated comment');
      at = end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end === -1) throw invalid(xml, lt, 'unterminated CDATA section');
      yield { kind: 'text', text: xml.slice(lt + 9, end) };
      at = end + 3;
    } else if (xml.startsWith('<!', lt)) {
      throw new RitmoError('ERR_REPORT_DTD_FORBIDDEN', `line ${lineAt(xml, lt)}: DOCTYPE and ENTITY declarations are not allowed in test reports`, { details: { line: lineAt(xml, lt) } });
    } else if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2);
      if (end === -1) throw invalid(xml, lt, 'unterminated processing instruction');
      at = end + 2;
    } else if (xml.startsWith('</', lt)) {
      NAME.lastIndex = lt + 2;
      const name = NAME.exec(xml)?.[0];
      const end = xml.indexOf('>', lt);
      if (name === undefined || end === -1 || xml.slice(lt + 2 + name.length, end).trim() !== '') throw invalid(xml, lt, 'bad closing tag');
      yield { kind: 'close', name };
      at = end + 1;
    } else {
      NAME.lastIndex = lt + 1;
      const name = NAME.exec(xml)?.[0];
      if (name === undefined) throw invalid(xml, lt, 'a "<" that starts no tag');
      let pos = lt + 1 + name.length;
      const attrs: Record<string, string> = {};
      for (;;) {
        ATTR.lastIndex = pos;
        const m = ATTR.exec(xml);
        if (m === null) break;
        attrs[m[1]!] = decodeEntities(m[2] ?? m[3] ?? '');
        pos = ATTR.lastIndex;
      }
      while (pos < xml.length && /\s/.test(xml[pos]!)) pos += 1;
      const selfClosing = xml.startsWith('/>', pos);
      if (!selfClosing && xml[pos] !== '>') throw invalid(xml, pos, `bad attribute or unterminated tag <${name}>`);
      yield { kind: 'open', name, attrs, selfClosing };
      at = pos + (selfClosing ? 2 : 1);
    }
  }
}
