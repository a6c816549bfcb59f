export * from './agent-paths.js';
export * from './agent-register.js';
export * from './wire-plan-job.js';
export * from './job-payload.js';
export * from './agent-heartbeat.js';
export * from './job-writes.js';
export * from './artifact-transfer.js';
export * from './report-transfer.js';
