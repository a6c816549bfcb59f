/** The name of the cookie that carries a sign-in session's secret. */
export const SESSION_COOKIE = 'ritmo_session';
