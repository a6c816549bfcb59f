import { describe, expect, it } from 'vitest';
import { deriveBuildStatus } from './derive-build-status.js';
import { FINAL_STATUSES, isFinalStatus, type JobStatus } from './job-status.js';

const job = (status: JobStatus, continueOnError = false) => ({ status, continueOnError });

describe('deriveBuildStatus', () => {
  it.each([
    { name: 'nothing started', jobs: [job('pending'), job('queued')], flags: {}, expected: 'queued' },
    { name: 'a job running', jobs: [job('running'), job('pending')], flags: {}, expected: 'running' },
    { name: 'some done, some queued', jobs: [job('success'), job('queued')], flags: {}, expected: 'running' },
    { name: 'only an approval left', jobs: [job('success'), job('waiting'), job('pending')], flags: {}, expected: 'waiting' },
    { name: 'an approval and a queued job', jobs: [job('waiting'), job('queued')], flags: {}, expected: 'running' },
    { name: 'an approval first', jobs: [job('waiting'), job('pending')], flags: {}, expected: 'waiting' },
    { name: 'all succeeded', jobs: [job('success'), job('success')], flags: {}, expected: 'success' },
    { name: 'skipped jobs do not fail a build', jobs: [job('success'), job('skipped')], flags: {}, expected: 'success' },
    { name: 'all skipped', jobs: [job('skipped'), job('skipped')], flags: {}, expected: 'success' },
    { name: 'a failure', jobs: [job('success'), job('failure'), job('skipped')], flags: {}, expected: 'failure' },
    { name: 'a failure with continue-on-error', jobs: [job('success'), job('failure', true)], flags: {}, expected: 'success' },
    { name: 'fail-fast: failure and canceled siblings', jobs: [job('failure'), job('canceled')], flags: {}, expected: 'failure' },
    { name: 'a canceled job alone', jobs: [job('success'), job('canceled')], flags: {}, expected: 'canceled' },
    { name: 'a cancelled build', jobs: [job('failure'), job('canceled')], flags: { canceled: true }, expected: 'canceled' },
    { name: 'a cancelled build still stopping', jobs: [job('running'), job('canceled')], flags: { canceled: true }, expected: 'running' },
    { name: 'no jobs', jobs: [], flags: {}, expected: 'success' },
  ] as const)('$name -> $expected', ({ jobs, flags, expected }) => {
    expect(deriveBuildStatus(jobs, flags)).toBe(expected);
  });
});

describe('isFinalStatus', () => {
  it('is true exactly for success, failure, canceled and skipped', () => {
    const all: JobStatus[] = ['pending', 'waiting', 'queued', 'running', 'success', 'failure', 'canceled', 'skipped'];
    expect(all.filter(isFinalStatus)).toEqual(FINAL_STATUSES);
  });
});
