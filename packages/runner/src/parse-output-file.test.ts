import { describe, expect, it } from 'vitest';
import { parseOutputFile } from './parse-output-file.js';

describe('parseOutputFile', () => {
  it('reads key=value lines; later values win; values may hold = and be empty', () => {
    expect(parseOutputFile('a=1\n\nb=x=y\r\nempty=\na=2\n')).toEqual({ outputs: { a: '2', b: 'x=y', empty: '' }, problems: [] });
  });

  it('reads heredoc values with any delimiter', () => {
    const text = 'notes<<EOF\nline one\n\nline three\nEOF\nafter=1\nx<<ghadelim_1\na=b\nghadelim_1\n';
    expect(parseOutputFile(text)).toEqual({ outputs: { notes: 'line one\n\nline three', after: '1', x: 'a=b' }, problems: [] });
  });

  it('reports malformed lines and keeps the good ones', () => {
    const result = parseOutputFile('ok=1\njust text\n9bad=2\nopen<<END\nnever closed\n');
    expect(result.outputs).toEqual({ ok: '1' });
    expect(result.problems).toEqual([
      'line 2: expected key=value or key<<DELIMITER',
      'line 3: invalid output name "9bad"',
      'line 4: "END" never ends the value of "open"',
    ]);
  });
});
