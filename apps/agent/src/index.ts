export { loadAgentConfig, type AgentConfig } from './config.js';
export { createAgent, type Agent, type AgentDeps } from './create-agent.js';
export { createAgentClient, type AgentClient, type CallResult, type JobAuth } from './client/create-agent-client.js';
export { isStale, isUnauthorized, type CallFailure } from './client/call-failure.js';
export { startJob, type JobHandle, type JobRunDeps } from './job/start-job.js';
export { createLogShipper, type LogShipper } from './job/create-log-shipper.js';
export { obtainIdentity, type AgentIdentity } from './obtain-identity.js';
export { automaticLabels, agentLabels } from './automatic-labels.js';
export { AGENT_VERSION } from './version.js';
