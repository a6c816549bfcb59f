import { createRitmoClient, type Agent } from '@ritmo/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentProcess, type AgentProcess } from '../remote/test-agent-process.js';
import { ritmo } from '../remote/test-remote-cli.js';
import { startServerProcess, type ServerProcess } from '../test-server-process.js';

describe('ritmo agents (against a server and an agent process)', () => {
  let server: ServerProcess;
  const agents: AgentProcess[] = [];
  let auth: string[] = [];

  beforeAll(async () => {
    server = await startServerProcess();
    auth = ['--server', server.url, '--token', server.token];
  }, 60_000);
  afterAll(async () => {
    for (const agent of agents) await agent.stop();
    await server?.stop();
  });

  it('says when no agent is registered', async () => {
    expect(await ritmo(['agents', ...auth])).toMatchObject({ code: 0, stdout: '', stderr: expect.stringContaining('no agents are registered') });
    expect(JSON.parse((await ritmo(['agents', '--json', ...auth])).stdout)).toEqual([]);
  });

  it('lists agents with status, labels, capacity, running jobs and last seen; drains one by name', async () => {
    agents.push(await startAgentProcess(server, { name: 'builder-1', capacity: 3 }));
    const table = await ritmo(['agents', ...auth]);
    expect(table.code).toBe(0);
    const [header, row] = table.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^NAME +STATUS +LABELS +CAPACITY +RUNNING +LAST SEEN +ID$/);
    expect(row).toMatch(/^builder-1 +online +\S*executor:host\S* +3 +0 +\d+s ago +a_\w+$/);

    const drain = await ritmo(['agents', 'drain', 'builder-1', ...auth]);
    expect(drain).toMatchObject({ code: 0, stderr: expect.stringMatching(/^draining agent builder-1 \(a_\w+\): it finishes 0 running jobs and claims no new ones\n$/) });
    const listed = JSON.parse((await ritmo(['agents', '--json', ...auth])).stdout) as Agent[];
    expect(listed).toEqual([expect.objectContaining({ name: 'builder-1', draining: true, capacity: 3 })]);
    expect((await ritmo(['agents', ...auth])).stdout).toMatch(/^builder-1 +online, draining /m);

    // By id, with the options of `agents` given after the subcommand; JSON out.
    const byId = await ritmo(['agents', 'drain', listed[0]?.id ?? '', '--json', ...auth]);
    expect(JSON.parse(byId.stdout)).toMatchObject({ id: listed[0]?.id, draining: true });
    const client = createRitmoClient({ baseUrl: server.url, token: server.token });
    expect((await client.agents.get(listed[0]?.id ?? '')).draining).toBe(true);
  });

  it('names an agent it cannot find, with the ones it knows', async () => {
    const run = await ritmo(['agents', 'drain', 'builder-9', ...auth]);
    expect(run).toMatchObject({ code: 1, stderr: 'ritmo: ERR_CLI_AGENT_NOT_FOUND: no agent is named "builder-9" or has that id\n  hint: agents: builder-1\n' });
    expect((await ritmo(['agents', 'drain', ...auth])).code).toBe(2);
  });

  it('asks for the id when two agents share a name', async () => {
    agents.push(await startAgentProcess(server, { name: 'builder-1' }));
    const run = await ritmo(['agents', 'drain', 'builder-1', ...auth]);
    expect(run).toMatchObject({ code: 2, stderr: expect.stringMatching(/^ritmo: ERR_CLI_AGENT_AMBIGUOUS: 2 agents are named "builder-1"\n {2}hint: name one by its id: a_\w+, a_\w+\n$/) });
  });
});
