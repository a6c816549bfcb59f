// Test support: the built server and agents as real processes on loopback, stopped by PID. The code lives
// in e2e/support/processes.mjs, which the benchmark harness (tools/bench) shares; the helpers below are
// the e2e tests' own.
import { startServer, type ServerProc } from '../support/processes.mjs';

export {
  ADMIN_TOKEN,
  call,
  ensureBuilt,
  isFinished,
  killPids,
  readBuild,
  registrationToken,
  removeAgent,
  removeServer,
  startAgent,
  startNode,
  startServer,
  stop,
  terminate,
  triggerInline,
  waitFor,
} from '../support/processes.mjs';
export type { AgentProc, Json, Proc, ServerProc } from '../support/processes.mjs';

/** Whether a process with this PID exists (signal 0). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops the server with `signal`, then starts it again on the same port and data dir with `env`. */
export async function restartServer(server: ServerProc, signal: 'SIGTERM' | 'SIGKILL', env: Record<string, string> = {}): Promise<ServerProc> {
  process.kill(server.pid, signal);
  await server.exited;
  return startServer(env, { dataDir: server.dataDir, port: Number(new URL(server.url).port) });
}
