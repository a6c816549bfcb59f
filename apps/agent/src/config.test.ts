import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { agentLabels } from './automatic-labels.js';
import { loadAgentConfig } from './config.js';

describe('agent configuration', () => {
  it('reads flags before RITMO_* variables, with defaults', () => {
    const config = loadAgentConfig(
      ['--server', 'http://ci.example:8080/', '--labels', 'linux, gpu', '--capacity', '3', '--ephemeral', '--work-dir', 'w'],
      { RITMO_SERVER_URL: 'http://ignored', RITMO_AGENT_TOKEN: 'ritmoreg_abc', RITMO_AGENT_EXECUTOR: 'dummy' },
      '/tmp/base',
    );
    expect(config).toMatchObject({
      serverUrl: 'http://ci.example:8080',
      token: 'ritmoreg_abc',
      name: hostname(),
      labels: ['linux', 'gpu'],
      capacity: 3,
      executor: 'dummy',
      ephemeral: true,
      workDir: '/tmp/base/w',
      killGraceMs: undefined,
    });
    expect(loadAgentConfig([], {}, '/x')).toMatchObject({ serverUrl: 'http://127.0.0.1:8080', executor: 'host', capacity: 1, ephemeral: false, workDir: '/x/.ritmo-agent' });
    expect(loadAgentConfig(['--drain-timeout', '10s', '--kill-grace', '2s'], {}, '/x')).toMatchObject({ drainTimeoutMs: 10_000, killGraceMs: 2000 });
  });

  it('names what is wrong', () => {
    expect(() => loadAgentConfig(['--server', 'ftp://x'], {}, '/')).toThrow(/ERR_AGENT_CONFIG_INVALID|server/);
    expect(() => loadAgentConfig(['--capacity', '0'], {}, '/')).toThrow(/capacity/);
    expect(() => loadAgentConfig(['--executor', 'vm'], {}, '/')).toThrow(/executor/);
    expect(() => loadAgentConfig(['--labels', 'bad label'], {}, '/')).toThrow(/labels/);
    expect(() => loadAgentConfig(['--token', 'ritmo_user_token'], {}, '/')).toThrow(/token/);
    expect(() => loadAgentConfig(['--bogus'], {}, '/')).toThrow(/bogus/);
    expect(() => loadAgentConfig(['--kill-grace', 'soon'], {}, '/')).toThrow(/kill-grace/);
  });

  it('adds os, arch and executor labels', () => {
    expect(agentLabels(['linux', 'linux'], 'host')).toEqual([...new Set(['linux', `os:${process.platform}`, `arch:${process.arch}`, 'executor:host'])].sort());
  });
});
