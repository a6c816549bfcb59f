import type { ApiToken, AuditEvent, CreatedApiToken, CreateTokenRequest, CreateUserRequest, LoginRequest, Me, Page, UpdateUserRequest, User } from '@ritmo/protocol';
import type { Http } from '../create-http.js';
import { seg, type PageParams } from './page-params.js';

/** Sign-in, the signed-in user, users, API tokens and the audit log. */
export function createAccountApi(http: Http) {
  return {
    login: (body: LoginRequest) => http.json<User>('POST', '/api/v1/auth/login', { body }),
    logout: () => http.json<void>('POST', '/api/v1/auth/logout'),
    me: (signal?: AbortSignal) => http.json<Me>('GET', '/api/v1/me', signal ? { signal } : {}),
    listUsers: (params: PageParams = {}) => http.json<Page<User>>('GET', '/api/v1/users', { query: { ...params } }),
    createUser: (body: CreateUserRequest) => http.json<User>('POST', '/api/v1/users', { body }),
    updateUser: (user: string, body: UpdateUserRequest) => http.json<User>('PATCH', `/api/v1/users/${seg(user)}`, { body }),
    removeUser: (user: string) => http.json<void>('DELETE', `/api/v1/users/${seg(user)}`),
    listTokens: (params: PageParams = {}) => http.json<Page<ApiToken>>('GET', '/api/v1/tokens', { query: { ...params } }),
    createToken: (body: CreateTokenRequest) => http.json<CreatedApiToken>('POST', '/api/v1/tokens', { body }),
    revokeToken: (id: string) => http.json<void>('DELETE', `/api/v1/tokens/${seg(id)}`),
    listAudit: (params: PageParams & { project?: string; actor?: string; action?: string } = {}) =>
      http.json<Page<AuditEvent>>('GET', '/api/v1/audit', { query: { ...params } }),
  };
}

export type AccountApi = ReturnType<typeof createAccountApi>;
