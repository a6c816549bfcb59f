export interface ParsedOutputs {
  outputs: Record<string, string>;
  /** One message per malformed line; the well-formed ones still count. */
  problems: string[];
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Reads the `$RITMO_OUTPUT` file format (GitHub's `$GITHUB_OUTPUT`): `key=value` lines, and
 * multi-line values as
 *
 *     key<<DELIMITER
 *     line one
 *     line two
 *     DELIMITER
 *
 * Blank lines are ignored; a later value for a key replaces an earlier one.
 */
export function parseOutputFile(text: string): ParsedOutputs {
  const outputs: Record<string, string> = {};
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const eq = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (eq !== -1 && (heredoc === -1 || eq < heredoc)) {
      const key = line.slice(0, eq);
      if (KEY.test(key)) outputs[key] = line.slice(eq + 1);
      else problems.push(`line ${i + 1}: invalid output name "${key}"`);
      continue;
    }
    if (heredoc === -1) {
      problems.push(`line ${i + 1}: expected key=value or key<<DELIMITER`);
      continue;
    }
    const key = line.slice(0, heredoc);
    const delimiter = line.slice(heredoc + 2);
    const end = lines.indexOf(delimiter, i + 1);
    if (!KEY.test(key) || delimiter === '' || end === -1) {
      problems.push(
        end === -1 && delimiter !== ''
          ? `line ${i + 1}: "${delimiter}" never ends the value of "${key}"`
          : `line ${i + 1}: invalid output "${line}"`,
      );
      if (end === -1) break;
      i = end;
      continue;
    }
    outputs[key] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return { outputs, problems };
}
