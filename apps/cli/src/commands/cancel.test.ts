import { createRitmoClient, type RitmoClient } from '@ritmo/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ritmo } from '../remote/test-remote-cli.js';
import { startServerProcess, type ServerProcess } from '../test-server-process.js';

// No agent has the label, so builds stay queued until canceled.
const PARKED = 'jobs:\n  parked:\n    runs-on: [nowhere]\n    steps:\n      - run: echo parked\n  next:\n    needs: [parked]\n    steps:\n      - run: echo next\n';

describe('ritmo cancel (against a server process)', () => {
  let server: ServerProcess;
  let client: RitmoClient;
  let auth: string[] = [];

  beforeAll(async () => {
    server = await startServerProcess();
    auth = ['--server', server.url, '--token', server.token];
    client = createRitmoClient({ baseUrl: server.url, token: server.token });
    await client.projects.create({ name: 'web', pipeline: PARKED });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('cancels a build named by id or PROJECT#NUMBER', async () => {
    const one = await client.builds.trigger('web');
    const byId = await ritmo(['cancel', one.id, ...auth]);
    expect(byId).toMatchObject({ code: 0, stdout: '', stderr: `canceled build web#${one.number} (${one.id}): canceled\n` });
    expect(await client.builds.get(one.id)).toMatchObject({ status: 'canceled', jobs: [{ status: 'canceled' }, { status: 'skipped' }] });

    const two = await client.builds.trigger('web');
    const json = await ritmo(['cancel', `web#${two.number}`, '--json', ...auth]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ id: two.id, status: 'canceled' });
  });

  it('shows why it cannot: a finished build, an unknown one, a malformed name', async () => {
    const build = await client.builds.trigger('web');
    await client.builds.cancel(build.id);
    const again = await ritmo(['cancel', build.id, ...auth]);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringMatching(/^ritmo: ERR_API_BUILD_FINISHED: /) });
    expect(await ritmo(['cancel', 'b_nosuchbuild', ...auth])).toMatchObject({ code: 1, stderr: expect.stringContaining('ritmo: ERR_API_BUILD_NOT_FOUND:') });
    expect(await ritmo(['cancel', 'web#999', ...auth])).toMatchObject({ code: 1, stderr: expect.stringContaining('ritmo: ERR_API_BUILD_NOT_FOUND:') });
    expect(await ritmo(['cancel', 'web#', ...auth])).toMatchObject({ code: 2, stderr: expect.stringContaining('ERR_CLI_USAGE') });
    expect((await ritmo(['cancel', ...auth])).code).toBe(2);
  });
});
