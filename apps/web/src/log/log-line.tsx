import { memo } from 'react';
import { ansiColor, type AnsiSpan } from './parse-ansi';

/** One line's styled spans; `highlight` marks matches of a search term. */
export const LogLine = memo(function LogLine({ spans, highlight }: { spans: readonly AnsiSpan[]; highlight?: string }) {
  return (
    <>
      {spans.map((s, i) => {
        const style = {
          ...(s.fg !== undefined ? { color: ansiColor(s.fg) } : {}),
          ...(s.bg !== undefined ? { backgroundColor: ansiColor(s.bg) } : {}),
          ...(s.bold ? { fontWeight: 700 } : {}),
        };
        return (
          <span key={i} style={style}>
            {highlight ? <Highlighted text={s.text} term={highlight} /> : s.text}
          </span>
        );
      })}
    </>
  );
});

function Highlighted({ text, term }: { text: string; term: string }) {
  const parts: React.ReactNode[] = [];
  const lower = text.toLowerCase();
  const needle = term.toLowerCase();
  let at = 0;
  for (let i = lower.indexOf(needle); i !== -1 && needle; i = lower.indexOf(needle, at)) {
    if (i > at) parts.push(text.slice(at, i));
    parts.push(
      <mark key={i} className="rounded-sm bg-yellow-300 text-black">
        {text.slice(i, i + needle.length)}
      </mark>,
    );
    at = i + needle.length;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
