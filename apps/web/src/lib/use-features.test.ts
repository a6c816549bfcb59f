import { describe, expect, it } from 'vitest';
import { hasFeature } from './use-features';

describe('hasFeature', () => {
  it('matches exact routes and route families, never the agent API', () => {
    const paths = ['/api/v1/projects/{project}/secrets', '/api/v1/agent/jobs/{id}/artifacts', '/api/v1/jobs/{id}/waiting'];
    expect(hasFeature(paths, 'secrets')).toBe(true);
    expect(hasFeature(paths, 'jobWaiting')).toBe(true);
    expect(hasFeature(paths, 'artifacts')).toBe(false);
    expect(hasFeature([...paths, '/api/v1/artifacts/{id}'], 'artifacts')).toBe(true);
    expect(hasFeature(['/api/v1/projects/{project}/environments'], 'deployments')).toBe(true);
    expect(hasFeature([], 'plugins')).toBe(false);
  });
});
