/** The agent's version, reported at registration. */
export const AGENT_VERSION = '0.1.0';
