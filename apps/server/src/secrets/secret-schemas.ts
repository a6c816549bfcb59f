import { z } from 'zod';
import { Id, Timestamp } from '@ritmo/protocol';
import { ProjectParams } from '../routes/params.js';

/**
 * The REST shapes of project secrets. Values go in (PUT) and never come out. The name is checked by
 * checkSecretName (ERR_SECRET_NAME_INVALID), not here, so a bad name gets its own error code.
 */
export const SecretParams = ProjectParams.extend({
  name: z.string().min(1).max(256).describe('The secret name: [A-Z_][A-Z0-9_]*, at most 100 characters.'),
});

export const PutSecretRequest = z.strictObject({
  value: z.string().describe('The value (write-only): at least 4 characters besides surrounding whitespace, at most 64 KiB of UTF-8.'),
});
export type PutSecretRequest = z.infer<typeof PutSecretRequest>;

/** A secret as listed: its name and times, never its value. */
export const SecretInfo = z.object({ name: z.string(), createdAt: Timestamp, updatedAt: Timestamp });
export type SecretInfo = z.infer<typeof SecretInfo>;

export const PutSecretResult = SecretInfo.extend({ created: z.boolean().describe('True when the secret did not exist before.') });

/** A maintainer's approval for an untrusted build's jobs to receive the secrets they reference. */
export const SecretsApproval = z.object({ buildId: Id, secretsApprovedBy: Id, secretsApprovedAt: Timestamp });
export type SecretsApproval = z.infer<typeof SecretsApproval>;
