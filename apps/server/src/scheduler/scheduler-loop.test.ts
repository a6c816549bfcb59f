import { describe, expect, it } from 'vitest';
import { useTriggerTestServer } from '../hooks/testing/test-trigger-server.js';

const EVERY_SECOND = `
on:
  schedule: [{ cron: "* * * * * *" }]
jobs:
  tick:
    steps:
      - run: echo tick
`;

describe('the scheduler loop of a running server', () => {
  const t = useTriggerTestServer('sqlite', { triggers: { scheduler: { enabled: true, pollMs: 200 } } });

  it('fires due schedules by itself, and stops with the server', async () => {
    const project = await t.project({ pipeline: EVERY_SECOND });
    await t.call('POST', `/api/v1/projects/${project}/schedules/sync`);
    let builds: unknown[] = [];
    for (let i = 0; i < 100 && builds.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      builds = (await t.call('GET', `/api/v1/builds?project=${project}`)).json.items;
    }
    expect(builds.length).toBeGreaterThan(0);
    expect(builds[0]).toMatchObject({ event: 'schedule' });
  });
});
