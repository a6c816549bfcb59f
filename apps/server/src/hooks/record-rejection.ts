import { isRitmoError, RitmoError, toError } from '@ritmo/shared';
import type { NewWebhookDelivery, Store } from '@ritmo/store';

/**
 * Records a refused delivery (never deduplicated, body not kept) and returns the error to answer
 * with, carrying the delivery's id in its details.
 */
export async function recordRejection(store: Store, base: Omit<NewWebhookDelivery, 'status' | 'httpStatus' | 'verified'>, e: unknown): Promise<Error> {
  const error = toError(e);
  if (!isRitmoError(error)) throw error;
  const recorded = await store.webhookDeliveries.createWebhookDelivery({ ...base, body: null, verified: false, status: 'rejected', httpStatus: error.status, result: `${error.code}: ${error.message}` });
  return withDelivery(error, recorded.id);
}

/** The error with the recorded delivery's id added to its details (non-Ritmo errors stay as they are). */
export function withDelivery(e: unknown, deliveryId: string): Error {
  const error = toError(e);
  if (!isRitmoError(error)) return error;
  const details = error.details && typeof error.details === 'object' ? error.details : {};
  return new RitmoError(error.code, error.message, { details: { ...details, delivery: deliveryId }, suggestions: error.suggestions, cause: error });
}
