import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';

export const BUSYBOX_IMAGE = 'ritmo-test/busybox:1';

const run = promisify(execFile);

/**
 * Makes `name` a local image without pulling: a root filesystem holding the host's static busybox
 * (Debian's busybox-static) and its applet links, imported as a tarball. Returns the image name.
 */
export async function importBusyboxImage(docker: Docker, name = BUSYBOX_IMAGE): Promise<string> {
  if (await docker.getImage(name).inspect().then(() => true, () => false)) return name;
  const busybox = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p));
  if (busybox === undefined) throw new Error('busybox is not installed (Debian: apt-get install busybox-static)');
  const work = await mkdtemp(join(tmpdir(), 'ritmo-rootfs-'));
  try {
    const rootfs = join(work, 'rootfs');
    for (const dir of ['bin', 'etc', 'tmp', 'root', 'www']) await mkdir(join(rootfs, dir), { recursive: true });
    await chmod(join(rootfs, 'tmp'), 0o1777);
    await copyFile(busybox, join(rootfs, 'bin', 'busybox'));
    const { stdout } = await run(busybox, ['--list']);
    for (const applet of stdout.split('\n').filter((a) => a !== '' && a !== 'busybox')) {
      await symlink('busybox', join(rootfs, 'bin', applet));
    }
    await writeFile(join(rootfs, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n');
    await writeFile(join(rootfs, 'etc', 'group'), 'root:x:0:\nnogroup:x:65534:\n');
    const tarball = join(work, 'rootfs.tar');
    await run('tar', ['-C', rootfs, '-cf', tarball, '.']);
    const colon = name.lastIndexOf(':');
    const [repo, tag] = colon > name.lastIndexOf('/') ? [name.slice(0, colon), name.slice(colon + 1)] : [name, 'latest'];
    const progress = await docker.importImage(tarball, { repo, tag });
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(progress, (error: Error | null, output: { error?: string }[]) => {
        const failed = error ?? output.find((o) => o.error !== undefined)?.error;
        if (failed) reject(failed instanceof Error ? failed : new Error(failed));
        else resolve();
      });
    });
    return name;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
