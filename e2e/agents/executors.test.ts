import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBusyboxImage } from '../../packages/runner/src/testing/import-busybox-image.js';
import { shouldTestWith } from '../../packages/runner/src/testing/should-test-with.js';
import { startDockerd, type Dockerd } from '../../packages/runner/src/testing/start-dockerd.js';
import {
  call,
  ensureBuilt,
  isFinished,
  readBuild,
  registrationToken,
  removeAgent,
  removeServer,
  startAgent,
  startServer,
  triggerInline,
  waitFor,
  type AgentProc,
  type Json,
  type ServerProc,
} from './processes.js';

const SANDBOXED = `
jobs:
  sandboxed:
    runs-on: [executor:sandbox]
    steps:
      - name: inside
        run: |
          echo "pid $$"
          echo "from the step" > written.txt && cat written.txt
          if touch /usr/ritmo-sandbox-probe 2>/dev/null; then echo "the system is writable"; exit 1; fi
          echo "the system is read-only"
          echo "interfaces: $(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | tr '\\n' ' ')"
`;

const BOXED = (image: string): string => `
jobs:
  boxed:
    runs-on: [executor:docker]
    image: ${image}
    steps:
      - name: inside
        run: |
          [ -f /.dockerenv ] && echo "inside a container"
          busybox | head -n 1
          echo "from the step" > written.txt && cat written.txt
`;

/** Runs `pipeline` on `agent`'s executor and returns the finished build and the log of its only job. */
async function runOn(server: ServerProc, project: string, pipeline: string): Promise<{ build: Json; log: string }> {
  const triggered = await triggerInline(server, project, pipeline);
  const build = await waitFor(() => readBuild(server, triggered.id), isFinished, 90_000, `the ${project} build`);
  const log = (await call(server, 'GET', `/api/v1/jobs/${build.jobs[0].id}/log`)).text;
  return { build, log };
}

describe('builds through a real agent on the sandbox and docker executors', () => {
  let server: ServerProc | undefined;
  let token = '';
  const agents: AgentProc[] = [];
  let dockerd: Dockerd | undefined;

  beforeAll(async () => {
    await ensureBuilt();
    server = await startServer();
    token = await registrationToken(server);
  }, 120_000);
  afterAll(async () => {
    for (const a of agents) await removeAgent(a);
    await dockerd?.stop();
    await removeServer(server);
  }, 60_000);

  it.skipIf(!shouldTestWith('bwrap'))('runs a job in the sandbox: its own pid namespace, no network, a read-only system, a writable workspace', async () => {
    agents.push(await startAgent(server as ServerProc, token, 'sandbox-agent', ['--executor', 'sandbox']));
    const { build, log } = await runOn(server as ServerProc, 'e2e-sandbox', SANDBOXED);
    expect(build.status, `${log}\n${agents.at(-1)?.output()}`).toBe('success');
    expect(Number(/pid (\d+)/.exec(log)?.[1])).toBeLessThan(10);
    expect(log).toContain('from the step\n');
    expect(log).toContain('the system is read-only\n');
    // Network off: the loopback interface only.
    expect(log).toContain('interfaces: lo \n');
  }, 120_000);

  it.skipIf(!shouldTestWith('dockerd'))('runs a job in a container of an imported image (never pulled)', async () => {
    dockerd = await startDockerd();
    const image = await importBusyboxImage(dockerd.docker);
    agents.push(await startAgent(server as ServerProc, token, 'docker-agent', ['--executor', 'docker'], { DOCKER_HOST: `unix://${dockerd.socketPath}` }));
    const { build, log } = await runOn(server as ServerProc, 'e2e-docker', BOXED(image));
    expect(build.status, `${log}\n${agents.at(-1)?.output()}`).toBe('success');
    expect(log).toContain('inside a container\n');
    expect(log).toMatch(/BusyBox v/);
    expect(log).toContain('from the step\n');
    // The job's container is gone afterwards; only the imported image remains.
    await waitFor(() => (dockerd as Dockerd).docker.listContainers({ all: true }), (list) => list.length === 0, 20_000, 'the job container to be removed');
    expect((await dockerd.docker.listImages()).flatMap((i) => i.RepoTags ?? [])).toEqual([image]);
  }, 180_000);
});
