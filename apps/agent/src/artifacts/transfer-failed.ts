import { RitmoError } from '@ritmo/shared';
import type { CallFailure } from '../client/call-failure.js';

/** A transfer the server refused or could not take, as the error that fails the job (the server's code kept in details). */
export function transferFailed(what: string, failure: CallFailure): RitmoError {
  return new RitmoError('ERR_ARTIFACT_TRANSFER_FAILED', `${what}: ${failure.code}: ${failure.message}`, { details: { code: failure.code, status: failure.status, details: failure.details } });
}
