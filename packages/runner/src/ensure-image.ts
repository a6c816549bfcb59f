import type Docker from 'dockerode';
import { RitmoError, toError } from '@ritmo/shared';

/** When to pull: only images not present (default), never (tests, air-gapped agents), or every time. */
export type PullPolicy = 'missing' | 'never' | 'always';

/** Makes sure `image` is present locally, pulling it per `policy`. Throws ERR_RUNNER_IMAGE_UNAVAILABLE. */
export async function ensureImage(docker: Docker, image: string, policy: PullPolicy, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  const present = policy !== 'always' && (await docker.getImage(image).inspect().then(() => true, () => false));
  if (present) return;
  if (policy === 'never') {
    throw new RitmoError('ERR_RUNNER_IMAGE_UNAVAILABLE', `Image "${image}" is not present and pulling is disabled`, {
      details: { image, pull: policy },
    });
  }
  try {
    const progress = await docker.pull(image, { abortSignal: signal });
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(progress, (error: Error | null, output: { error?: string }[]) => {
        const failed = error ?? output.find((o) => o.error !== undefined)?.error;
        if (failed) reject(failed instanceof Error ? failed : new Error(failed));
        else resolve();
      });
    });
  } catch (e: unknown) {
    const error = toError(e);
    throw new RitmoError('ERR_RUNNER_IMAGE_UNAVAILABLE', `Cannot pull image "${image}": ${error.message}`, {
      details: { image, pull: policy },
      cause: error,
    });
  }
}
