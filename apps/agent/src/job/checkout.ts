import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import type { RepoCheckout } from '@ritmo/protocol';
import { RitmoError, toError } from '@ritmo/shared';

/** Runs git in `cwd`; resolves with its exit code, its output going to `onOutput`. */
function git(args: string[], cwd: string, signal: AbortSignal, onOutput: (text: string) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, signal, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => onOutput(d.toString()));
    child.stderr.on('data', (d: Buffer) => onOutput(d.toString()));
    child.once('error', (e: unknown) => reject(toError(e)));
    child.once('close', (code) => resolve(code ?? 1));
  });
}

/**
 * Checks out the build's commit into `workspace`: a shallow fetch of exactly that commit (`--depth 1`),
 * falling back to a full fetch when the server refuses to serve a commit by its sha; with no commit,
 * the tip of the ref. Throws ERR_AGENT_CHECKOUT_FAILED.
 */
export async function checkout(repo: RepoCheckout, workspace: string, signal: AbortSignal, onOutput: (text: string) => void): Promise<void> {
  const want = repo.sha ?? repo.ref ?? 'HEAD';
  const run = async (args: string[], what: string): Promise<boolean> => {
    onOutput(`$ git ${args.join(' ')}\n`);
    const code = await git(args, workspace, signal, onOutput).catch((e: unknown) => {
      throw new RitmoError('ERR_AGENT_CHECKOUT_FAILED', `git ${what} failed: ${toError(e).message}`, { cause: e });
    });
    return code === 0;
  };
  await mkdir(workspace, { recursive: true });
  if (!(await run(['init', '--quiet'], 'init')) || !(await run(['remote', 'add', 'origin', repo.url], 'remote add'))) {
    throw new RitmoError('ERR_AGENT_CHECKOUT_FAILED', `could not prepare a repository in ${workspace}`);
  }
  const shallow = await run(['fetch', '--quiet', '--no-tags', '--depth', '1', 'origin', want], 'fetch');
  if (!shallow && !(await run(['fetch', '--quiet', '--tags', 'origin', '+refs/heads/*:refs/remotes/origin/*'], 'fetch'))) {
    throw new RitmoError('ERR_AGENT_CHECKOUT_FAILED', `could not fetch ${want} from ${repo.url}`, { details: { url: repo.url, sha: repo.sha, ref: repo.ref } });
  }
  const target = shallow ? 'FETCH_HEAD' : want;
  if (!(await run(['checkout', '--quiet', '--detach', target], 'checkout'))) {
    throw new RitmoError('ERR_AGENT_CHECKOUT_FAILED', `could not check out ${want}`, { details: { url: repo.url, sha: repo.sha, ref: repo.ref } });
  }
}
