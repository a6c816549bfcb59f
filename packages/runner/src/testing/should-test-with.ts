import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';

/**
 * Whether tests that need the system tool `name` should run: yes in CI (CI=true), where the tools are
 * installed and a missing one must fail the tests; elsewhere only when it is in PATH or an sbin dir.
 */
export function shouldTestWith(name: string): boolean {
  if (process.env.CI === 'true') return true;
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/local/sbin', '/usr/sbin', '/sbin'].filter((d) => d !== '');
  return dirs.some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
