import { RitmoError } from '@ritmo/shared';

export interface ShellCommand {
  command: string;
  args: string[];
  /** Where the script goes: the base path plus the extension the shell needs (`.sh`, `.ps1`, `.py`). */
  scriptPath: string;
}

interface ShellTemplate {
  template: string;
  extension: string;
}

const SHELLS: Record<string, ShellTemplate> = {
  bash: { template: 'bash --noprofile --norc -eo pipefail {0}', extension: '.sh' },
  sh: { template: 'sh -e {0}', extension: '.sh' },
  pwsh: { template: "pwsh -NoLogo -NoProfile -NonInteractive -Command . '{0}'", extension: '.ps1' },
  python: { template: 'python3 {0}', extension: '.py' },
};

/**
 * Turns a step's `shell:` into the command that runs its script file: a known shell name, or a custom
 * template with `{0}` where the script path goes (`perl {0}`, `bash -x {0}`). Undefined means bash.
 * Template words are split on whitespace; quotes are not interpreted.
 */
export function shellCommand(shell: string | undefined, scriptBase: string): ShellCommand {
  const name = shell?.trim() || 'bash';
  const known = SHELLS[name];
  const template = known?.template ?? name;
  if (!template.includes('{0}')) {
    throw new RitmoError(
      'ERR_RUNNER_INVALID_SHELL',
      `Unknown shell "${name}": use bash, sh, pwsh, python, or a command containing {0} for the script path.`,
      { details: { shell: name } },
    );
  }
  const scriptPath = scriptBase + (known?.extension ?? '');
  // Split on whitespace before substituting, so a path with spaces stays one argument.
  const words = template.split(/\s+/).filter((w) => w.length > 0);
  const [command, ...args] = words.map((w) => w.replaceAll('{0}', scriptPath));
  return { command: command!, args, scriptPath };
}

const POSIX_SHELLS = new Set(['bash', 'sh', 'dash', 'zsh', 'ksh', 'ash']);

/**
 * Whether the step's script is shell text that expands `${VAR}`; only then can expressions reach it
 * as environment variables instead of being spliced into the text.
 */
export function usesPosixShell(shell: string | undefined): boolean {
  const first = shell?.trim().split(/\s+/)[0] ?? 'bash';
  const name = first === '' ? 'bash' : (first.split('/').pop() ?? first);
  return POSIX_SHELLS.has(name);
}
