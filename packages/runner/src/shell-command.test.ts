import { isRitmoError } from '@ritmo/shared';
import { describe, expect, it } from 'vitest';
import { shellCommand, usesPosixShell } from './shell-command.js';

describe('shellCommand', () => {
  it('runs bash with -eo pipefail by default', () => {
    expect(shellCommand(undefined, '/t/step-1')).toEqual({
      command: 'bash',
      args: ['--noprofile', '--norc', '-eo', 'pipefail', '/t/step-1.sh'],
      scriptPath: '/t/step-1.sh',
    });
  });

  it('knows sh, pwsh and python, with their file extensions', () => {
    expect(shellCommand('sh', '/t/s')).toMatchObject({ command: 'sh', args: ['-e', '/t/s.sh'] });
    expect(shellCommand('pwsh', '/t/s').scriptPath).toBe('/t/s.ps1');
    expect(shellCommand('python', '/t/s')).toMatchObject({ command: 'python3', args: ['/t/s.py'] });
  });

  it('fills a custom template, keeping a path with spaces as one argument', () => {
    expect(shellCommand('perl -w {0}', '/my dir/s')).toEqual({ command: 'perl', args: ['-w', '/my dir/s'], scriptPath: '/my dir/s' });
  });

  it('rejects an unknown shell without {0}', () => {
    expect(() => shellCommand('fish', '/t/s')).toThrow(expect.objectContaining({ code: 'ERR_RUNNER_INVALID_SHELL' }));
    try {
      shellCommand('fish', '/t/s');
    } catch (e: unknown) {
      expect(isRitmoError(e, 'ERR_RUNNER_INVALID_SHELL')).toBe(true);
    }
  });

  it('tells POSIX shells (expressions as env references) from others', () => {
    expect([undefined, 'bash', 'sh', '/bin/zsh -e {0}'].map(usesPosixShell)).toEqual([true, true, true, true]);
    expect(['pwsh', 'python', 'perl {0}'].map(usesPosixShell)).toEqual([false, false, false]);
  });
});
