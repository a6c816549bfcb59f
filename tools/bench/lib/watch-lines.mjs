import { watch } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

/**
 * Follows a file that steps append lines to (it may not exist yet): `next(match)` resolves with the
 * first new line `match` accepts. Woken by inotify, with a slow poll as a fallback, so waiting puts
 * no load on the processes being measured.
 */
export function watchLines(path) {
  let offset = 0;
  let rest = '';
  const lines = [];
  let waiters = [];
  let reading = false;
  let again = false;

  const read = async () => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        const fh = await open(path, 'r').catch(() => undefined);
        if (!fh) break;
        try {
          const { size } = await fh.stat();
          if (size > offset) {
            const buffer = Buffer.alloc(size - offset);
            await fh.read(buffer, 0, buffer.length, offset);
            offset = size;
            const parts = (rest + buffer.toString('utf8')).split('\n');
            rest = parts.pop() ?? '';
            lines.push(...parts);
          }
        } finally {
          await fh.close();
        }
      } while (again);
    } finally {
      reading = false;
    }
    waiters = waiters.filter((w) => !w.check());
  };

  const watcher = watch(dirname(path), (_event, name) => {
    if (name === null || name === basename(path)) void read();
  });
  const poll = setInterval(() => void read(), 20);

  return {
    /** Resolves with the first line (not yet taken) that `match` accepts; rejects after `timeoutMs`. */
    next(match, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const waiter = {
          check() {
            const i = lines.findIndex(match);
            if (i < 0) return false;
            const [line] = lines.splice(i, 1);
            clearTimeout(timer);
            resolve(line);
            return true;
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(new Error(`no matching line in ${path} within ${timeoutMs} ms`));
        }, timeoutMs);
        if (!waiter.check()) waiters.push(waiter);
        void read();
      });
    },
    close() {
      watcher.close();
      clearInterval(poll);
    },
  };
}
