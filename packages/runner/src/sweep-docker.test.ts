import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerExecutor } from './docker-executor.js';
import { KEEPALIVE } from './docker-job.js';
import type { ExecutorJob } from './executor.js';
import { sweepDocker } from './sweep-docker.js';
import { importBusyboxImage } from './testing/import-busybox-image.js';
import { shouldTestWith } from './testing/should-test-with.js';
import { startDockerd, type Dockerd } from './testing/start-dockerd.js';
import { tempDir } from './test-support.js';

describe.skipIf(!shouldTestWith('dockerd'))('sweepDocker (real dockerd)', () => {
  let dockerd: Dockerd;
  let image: string;
  let dir: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    dir = await tempDir();
    dockerd = await startDockerd();
    image = await importBusyboxImage(dockerd.docker);
  });
  afterAll(async () => {
    await dockerd?.stop();
    await dir?.cleanup();
  });

  const count = async (label: string) => ({
    containers: (await dockerd.docker.listContainers({ all: true, filters: JSON.stringify({ label: [label] }) })).length,
    networks: (await dockerd.docker.listNetworks({ filters: JSON.stringify({ label: [label] }) })).length,
  });

  it("removes what a crashed agent left, and nothing of another agent's or unmanaged", async () => {
    const signal = new AbortController().signal;
    const makeJob = (id: string): ExecutorJob => ({
      id,
      name: id,
      workspace: join(dir.path, id, 'ws'),
      tempDir: join(dir.path, id, 'tmp'),
      image,
      services: [{ name: 'svc', image, env: {}, ports: [], command: KEEPALIVE }],
    });
    const crashed = makeJob('crashed-job');
    const alive = makeJob('alive-job');
    // The crashed agent never reaches destroy().
    await createDockerExecutor({ docker: dockerd.docker, agentId: 'agent-crashed', pull: 'never' }).setup(crashed, signal);
    const other = createDockerExecutor({ docker: dockerd.docker, agentId: 'agent-other', pull: 'never' });
    await other.setup(alive, signal);
    const unmanaged = await dockerd.docker.createContainer({ Image: image, Entrypoint: KEEPALIVE, Labels: { 'ritmo.agent': 'agent-crashed' } });

    try {
      expect(await count('ritmo.agent=agent-crashed')).toEqual({ containers: 3, networks: 1 });
      expect(await sweepDocker(dockerd.docker, { agentId: 'agent-crashed' })).toEqual({ containers: 2, networks: 1 });
      expect(await count('ritmo.job=crashed-job')).toEqual({ containers: 0, networks: 0 });
      expect(await count('ritmo.agent=agent-other')).toEqual({ containers: 2, networks: 1 });
      expect((await unmanaged.inspect()).Id).toBe(unmanaged.id);
      expect(await sweepDocker(dockerd.docker, { agentId: 'agent-crashed' })).toEqual({ containers: 0, networks: 0 });
    } finally {
      await other.destroy(alive);
      await unmanaged.remove({ force: true });
    }
    expect(await count('ritmo.managed=true')).toEqual({ containers: 0, networks: 0 });
  });
});
