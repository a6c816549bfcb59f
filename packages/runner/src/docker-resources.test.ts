import { describe, expect, it } from 'vitest';
import { containerEnv, dockerLabels, dockerSafeName, limitsHostConfig } from './docker-resources.js';

describe('docker resources', () => {
  it('labels what a job creates with the agent and the job', () => {
    expect(dockerLabels('agent-1', 'build/7')).toEqual({ 'ritmo.managed': 'true', 'ritmo.job': 'build/7', 'ritmo.agent': 'agent-1' });
    expect(dockerSafeName('--test (node: 20)/x')).toBe('test-node-20-x');
  });

  it('maps limits to HostConfig, leaving unset ones unlimited', () => {
    expect(limitsHostConfig({ memoryBytes: 1 << 30, cpus: 1.5, pids: 100 })).toEqual({
      Memory: 1 << 30,
      MemorySwap: 1 << 30,
      NanoCpus: 1_500_000_000,
      PidsLimit: 100,
    });
    expect(limitsHostConfig({ pids: 5 })).toEqual({ PidsLimit: 5 });
    expect(limitsHostConfig(undefined)).toEqual({});
  });

  it("leaves out the runner's own host variables but keeps values the pipeline set", () => {
    const host = { PATH: '/host/bin', HOME: '/root', LANG: 'C.UTF-8' };
    expect(containerEnv({ PATH: '/host/bin', HOME: '/home/ci', LANG: 'C.UTF-8', CI: 'true' }, host)).toEqual([
      'HOME=/home/ci',
      'LANG=C.UTF-8',
      'CI=true',
    ]);
  });
});
