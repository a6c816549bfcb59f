import { z } from 'zod';
import { Id, Role, Timestamp } from './common.js';

export const Username = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,38}$/, 'must be 1-39 lowercase letters, digits, ".", "_" or "-"');
export type Username = z.infer<typeof Username>;

const Password = z.string().min(8, 'must be at least 8 characters').max(256);

export const User = z.object({
  id: Id,
  username: Username,
  displayName: z.string(),
  email: z.string().nullable(),
  /** Site administrators may do anything, in every project. */
  admin: z.boolean(),
  disabled: z.boolean(),
  createdAt: Timestamp,
});
export type User = z.infer<typeof User>;

/** The signed-in user and their role in each project they belong to. */
export const Me = User.extend({
  memberships: z.array(z.object({ projectId: Id, projectName: z.string(), role: Role })),
});
export type Me = z.infer<typeof Me>;

export const CreateUserRequest = z.strictObject({
  username: Username,
  password: Password,
  displayName: z.string().max(100).optional(),
  email: z.email().max(254).optional(),
  admin: z.boolean().optional(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const UpdateUserRequest = z.strictObject({
  displayName: z.string().max(100).optional(),
  email: z.email().max(254).nullable().optional(),
  password: Password.optional(),
  admin: z.boolean().optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export const LoginRequest = z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
export type LoginRequest = z.infer<typeof LoginRequest>;
