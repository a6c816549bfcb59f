import { describe, expect, it } from 'vitest';
import { deriveJobStatus } from './derive-job-status.js';
import type { JobStatus } from './job-status.js';

const step = (status: JobStatus, continueOnError = false) => ({ status, continueOnError });

describe('deriveJobStatus', () => {
  it.each([
    { name: 'no steps', steps: [], flags: {}, expected: 'success' },
    { name: 'all steps succeeded', steps: [step('success'), step('success')], flags: {}, expected: 'success' },
    { name: 'a step still running', steps: [step('success'), step('running')], flags: {}, expected: 'running' },
    { name: 'a step not started yet', steps: [step('success'), step('pending')], flags: {}, expected: 'running' },
    { name: 'a step failed', steps: [step('success'), step('failure'), step('skipped')], flags: {}, expected: 'failure' },
    { name: 'a failed step with continue-on-error', steps: [step('failure', true), step('success')], flags: {}, expected: 'success' },
    { name: 'skipped steps only', steps: [step('skipped'), step('skipped')], flags: {}, expected: 'success' },
    { name: 'a canceled step', steps: [step('success'), step('canceled'), step('skipped')], flags: {}, expected: 'canceled' },
    { name: 'canceled wins over a failed step', steps: [step('failure'), step('skipped')], flags: { canceled: true }, expected: 'canceled' },
    { name: 'a job-level failure (timeout) wins over the killed step', steps: [step('success'), step('canceled')], flags: { failed: true }, expected: 'failure' },
    { name: 'a failed step wins over a canceled one', steps: [step('failure'), step('canceled')], flags: {}, expected: 'failure' },
    { name: 'a job-level failure with steps done', steps: [step('success')], flags: { failed: true }, expected: 'failure' },
    { name: 'flags wait for unfinished steps', steps: [step('running')], flags: { canceled: true }, expected: 'running' },
  ] as const)('$name -> $expected', ({ steps, flags, expected }) => {
    expect(deriveJobStatus(steps, flags)).toBe(expected);
  });
});
