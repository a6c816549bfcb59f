import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServiceSpec } from '@ritmo/pipeline';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDockerExecutor } from './docker-executor.js';
import type { ExecutorJob, ExecutorStep } from './executor.js';
import { runJob } from './run-job.js';
import { finishStep, readText } from './testing/finish-step.js';
import { importBusyboxImage } from './testing/import-busybox-image.js';
import { shouldTestWith } from './testing/should-test-with.js';
import { startDockerd, type Dockerd } from './testing/start-dockerd.js';
import { collectLogs, makeJob, makeStep, tempDir } from './test-support.js';

const signal = new AbortController().signal;

/** A busybox httpd serving `text` on port 8080. */
const httpService = (name: string, image: string, text: string): ServiceSpec => ({
  name,
  image,
  env: { TEXT: text },
  ports: [8080],
  command: ['sh', '-c', 'echo "$TEXT" > /www/index.html && exec httpd -f -p 8080 -h /www'],
});

describe.skipIf(!shouldTestWith('dockerd'))('docker executor (real dockerd)', () => {
  let dockerd: Dockerd;
  let image: string;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let job: ExecutorJob;
  let seq = 0;

  beforeAll(async () => {
    dockerd = await startDockerd();
    image = await importBusyboxImage(dockerd.docker);
  });
  afterAll(async () => {
    await dockerd?.stop();
  });
  beforeEach(async () => {
    dir = await tempDir();
    job = { id: `docker-job-${++seq}`, name: 'j', workspace: join(dir.path, 'ws'), tempDir: join(dir.path, 'tmp'), image, services: [] };
  });
  afterEach(async () => {
    await dir.cleanup();
  });

  const executor = (agentId = 'test-agent') => createDockerExecutor({ docker: dockerd.docker, agentId, pull: 'never' });
  const step = (script: string, extra: Partial<ExecutorStep> = {}): ExecutorStep => ({
    id: 's',
    index: 1,
    name: 's',
    script,
    workingDirectory: job.workspace,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', GREETING: 'hello docker' },
    ...extra,
  });
  const labelled = async (label: string) => ({
    containers: await dockerd.docker.listContainers({ all: true, filters: JSON.stringify({ label: [label] }) }),
    networks: await dockerd.docker.listNetworks({ filters: JSON.stringify({ label: [label] }) }),
  });

  it('runs steps in the job container: output, exit codes, env, the default shell and the shared workspace', async () => {
    const docker = executor();
    await docker.setup(job, signal);
    try {
      await writeFile(join(job.workspace, 'from-host.txt'), 'host data\n');
      const first = await finishStep(
        await docker.start(job, step('cat from-host.txt\necho "$GREETING"\necho oops >&2\necho "path=$PATH"\necho made > from-step.txt\nexit 3'), signal),
      );
      expect(first.exitCode).toBe(3);
      expect(first.stderr).toBe('oops\n');
      const [hostData, greeting, path] = first.stdout.trim().split('\n');
      expect([hostData, greeting]).toEqual(['host data', 'hello docker']);
      // The runner's own PATH describes the host, not the image.
      expect(path).not.toBe(`path=${process.env.PATH}`);
      expect(await readFile(join(job.workspace, 'from-step.txt'), 'utf8')).toBe('made\n');

      // No bash in busybox: the default shell falls back to `sh -e`.
      const failing = await finishStep(await docker.start(job, step('false\necho unreachable', { index: 2 }), signal));
      expect(failing).toMatchObject({ exitCode: 1, stdout: '' });
      const custom = await finishStep(await docker.start(job, step('echo "in $PWD"', { index: 3, shell: 'sh', workingDirectory: job.tempDir }), signal));
      expect(custom).toMatchObject({ exitCode: 0, stdout: `in ${job.tempDir}\n` });
    } finally {
      await docker.destroy(job);
    }
  });

  it('reaches services by name on the job network, applies limits, and removes everything on destroy', async () => {
    const docker = executor();
    job.services = [httpService('web', image, 'hello from web')];
    job.limits = { memoryBytes: 96 * 1024 * 1024, cpus: 0.5, pids: 64 };
    await docker.setup(job, signal);
    let removed = false;
    try {
      const fetch = 'for i in $(seq 1 50); do wget -qO- http://web:8080/ && exit 0; sleep 0.1; done; exit 1';
      expect(await finishStep(await docker.start(job, step(fetch, { shell: 'sh' }), signal))).toMatchObject({ exitCode: 0, stdout: 'hello from web\n' });

      const { containers, networks } = await labelled(`ritmo.job=${job.id}`);
      expect(containers).toHaveLength(2);
      expect(networks).toHaveLength(1);
      expect(networks[0]!.Name).toMatch(new RegExp(`^ritmo-${job.id}-[0-9a-f]{8}$`));
      for (const c of containers) {
        expect(c.Labels).toMatchObject({ 'ritmo.managed': 'true', 'ritmo.job': job.id, 'ritmo.agent': 'test-agent' });
        const { HostConfig } = await dockerd.docker.getContainer(c.Id).inspect();
        expect(HostConfig).toMatchObject({ Memory: 96 * 1024 * 1024, NanoCpus: 500_000_000, PidsLimit: 64 });
      }
      await docker.destroy(job);
      removed = true;
      expect(await labelled(`ritmo.job=${job.id}`)).toEqual({ containers: [], networks: [] });
    } finally {
      if (!removed) await docker.destroy(job);
    }
  });

  it("signals the step's whole process group: its trap runs and its background process ends", async () => {
    const docker = executor();
    await docker.setup(job, signal);
    try {
      const graceful = await docker.start(job, step("trap 'echo cleanup; exit 7' TERM\necho ready\nsleep 1000 & wait", { shell: 'sh' }), signal);
      const out = readText(graceful.stdout);
      await new Promise((r) => setTimeout(r, 300));
      graceful.kill('SIGTERM');
      const [exit, stdout] = await Promise.all([graceful.wait(), out, readText(graceful.stderr)]);
      expect(exit.exitCode).toBe(7);
      expect(stdout).toBe('ready\ncleanup\n');
      const left = await finishStep(await docker.start(job, step('ps | grep -c "[s]leep 1000" || true', { index: 2, shell: 'sh' }), signal));
      expect(left.stdout).toBe('0\n');
    } finally {
      await docker.destroy(job);
    }
  });

  it('times a step out through runJob and leaves no process of it in the container', async () => {
    const stubborn = "trap '' TERM\nsleep 1000 &\nsleep 1000 &\necho started\nwait";
    const count = 'echo "left: $(ps | grep -c "[s]leep 1000")"';
    const planJob = makeJob(
      [makeStep({ id: 'slow', run: stubborn, shell: 'sh', timeoutMs: 1500 }), makeStep({ id: 'check', run: count, if: 'always()' })],
      { id: `docker-run-${++seq}`, image },
    );
    const logs = collectLogs();
    const result = await runJob({ job: planJob, executor: executor(), workspace: join(dir.path, 'ws'), context: {}, signal, onLog: logs.onLog, killGraceMs: 300 });
    expect(result.steps.map((s) => [s.status, s.timedOut, s.exitCode])).toEqual([
      ['failure', true, 137],
      ['success', false, 0],
    ]);
    expect(logs.text('stdout').split('\n')).toEqual(['started', 'left: 0']);
    expect(logs.text('system')).toContain('sending SIGKILL');
    expect(await labelled(`ritmo.job=${planJob.id}`)).toEqual({ containers: [], networks: [] });
  });

  it('gives a job without network only loopback, its services still reachable by name', async () => {
    const docker = executor();
    job.network = false;
    job.services = [httpService('web', image, 'internal')];
    await docker.setup(job, signal);
    try {
      const script = 'cat /proc/net/dev | tail -n +3 | cut -d: -f1\nfor i in $(seq 1 50); do wget -qO- http://web:8080/ && exit 0; sleep 0.1; done; exit 1';
      const result = await finishStep(await docker.start(job, step(script, { shell: 'sh' }), signal));
      expect(result.exitCode).toBe(0);
      expect(result.stdout.split('\n').map((l) => l.trim())).toEqual(['lo', 'internal', '']);
      expect(await labelled(`ritmo.job=${job.id}`)).toMatchObject({ containers: [{}, {}], networks: [] });
    } finally {
      await docker.destroy(job);
    }
  });

  it('fails setup with ERR_RUNNER_IMAGE_UNAVAILABLE for a missing image it may not pull', async () => {
    const docker = executor();
    const missing = { ...job, image: 'ritmo-test/not-there:1' };
    await expect(docker.setup(missing, signal)).rejects.toMatchObject({ code: 'ERR_RUNNER_IMAGE_UNAVAILABLE' });
    await docker.destroy(missing);
    expect(await labelled(`ritmo.job=${missing.id}`)).toEqual({ containers: [], networks: [] });
  });
});
