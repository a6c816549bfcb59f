import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import type { CollectedPath } from './collect-paths.js';

export interface PackedArchive {
  path: string;
  digest: string;
  size: number;
  entries: number;
}

const EPOCH = new Date(0);

/**
 * Writes the collected paths of `workspace` as a tar.gz at `out`, hashing it as it is written.
 * The archive depends only on the paths, contents and executable bits (sorted entries, fixed
 * times and owners), so the same files always give the same digest.
 */
export async function packArchive(workspace: string, paths: readonly CollectedPath[], out: string, signal?: AbortSignal): Promise<PackedArchive> {
  const pack = tar.pack();
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  const writing = pipeline(pack, createGzip(), meter, createWriteStream(out, { mode: 0o600 }), signal ? { signal } : {});
  const feed = async (): Promise<void> => {
    for (const p of paths) {
      const base = { name: p.path, mtime: EPOCH, uid: 0, gid: 0, uname: '', gname: '' };
      if (p.type === 'symlink') {
        await new Promise<void>((resolve, reject) => pack.entry({ ...base, type: 'symlink', linkname: p.target ?? '', mode: 0o777 }, (e) => (e ? reject(e) : resolve())));
        continue;
      }
      const file = join(workspace, p.path);
      const info = await stat(file);
      const entry = pack.entry({ ...base, type: 'file', size: info.size, mode: info.mode & 0o111 ? 0o755 : 0o644 });
      await pipeline(createReadStream(file, { end: Math.max(0, info.size - 1), start: 0 }), entry);
    }
    pack.finalize();
  };
  await Promise.all([feed().catch((e: unknown) => { pack.destroy(e as Error); throw e; }), writing]);
  return { path: out, digest: `sha256:${hash.digest('hex')}`, size, entries: paths.length };
}
