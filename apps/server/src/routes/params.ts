import { z } from 'zod';
import { Id } from '@ritmo/protocol';

/** A project is addressed by name or id. */
const ProjectRef = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a project name or id');
/** A user is addressed by username or id. */
const UserRef = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a username or user id');

export const IdParams = z.strictObject({ id: Id });
export const ProjectParams = z.strictObject({ project: ProjectRef });
export const ProjectUserParams = z.strictObject({ project: ProjectRef, user: UserRef });
export const ProjectNumberParams = z.strictObject({ project: ProjectRef, number: z.coerce.number().int().min(1).max(2 ** 31) });
export const UserParams = z.strictObject({ user: UserRef });
