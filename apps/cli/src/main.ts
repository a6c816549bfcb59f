import { availableParallelism } from 'node:os';
import { exitCodes } from './exit-codes.js';
import { runCli } from './run-cli.js';

// Wiring only: real streams, cwd and env in. Ctrl-C aborts the running command, which stops its jobs'
// process groups (SIGTERM, then SIGKILL after the grace period). A second Ctrl-C only says so; a third
// quits at once, possibly leaving processes behind.
const controller = new AbortController();
let interrupts = 0;
const onInterrupt = (): void => {
  interrupts++;
  if (interrupts === 1) controller.abort(new Error('interrupted'));
  else if (interrupts === 2) process.stderr.write('ritmo: stopping jobs; press Ctrl-C again to quit now and leave them running\n');
  else process.exit(exitCodes.interrupted);
};
process.on('SIGINT', onInterrupt);
// A closed pipe (`ritmo run | head`) is the reader's choice, not a crash: stop the run as on Ctrl-C.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') controller.abort(new Error('output closed'));
    else throw e;
  });
}
process.on('SIGTERM', onInterrupt);

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
  env: process.env,
  signal: controller.signal,
  cpuCount: availableParallelism(),
});
process.exitCode = controller.signal.aborted ? exitCodes.interrupted : code;
