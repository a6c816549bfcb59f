import type { HookEvent } from '../hook-event.js';

export type ProviderName = 'github' | 'gitlab' | 'gitea' | 'forgejo' | 'gogs' | 'generic';

/** Request headers with lower-case names and one value each. */
export type HookHeaders = Readonly<Record<string, string>>;

export interface VerifyInput {
  headers: HookHeaders;
  body: Buffer;
  secret: string;
  now: number;
}

/** What Ritmo knows about one forge's webhooks. */
export interface HookProvider {
  name: ProviderName;
  /** The provider's own id of this delivery, if it sends one. */
  deliveryId(headers: HookHeaders): string | undefined;
  /** The event name from the headers (before the body is trusted), if any. */
  eventName(headers: HookHeaders): string | undefined;
  /** Throws ERR_HOOK_SIGNATURE_* unless the delivery is signed with `secret`. */
  verify(input: VerifyInput): void;
  /**
   * What the event means for Ritmo. Throws ERR_HOOK_UNSUPPORTED_EVENT for events the provider does
   * not send; events it sends that start nothing are `ignored`.
   */
  normalize(event: string | undefined, payload: unknown): HookEvent;
  /** Headers kept with a recorded delivery; signature and token headers are redacted. */
  readonly secretHeaders: readonly string[];
}
