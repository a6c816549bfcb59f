/** Paging of every list: `cursor` from the previous page's `nextCursor`, `limit` 1–200. */
export interface PageParams {
  cursor?: string;
  limit?: number;
}

/** Encodes one path segment (project names, ids, usernames). */
export function seg(value: string | number): string {
  return encodeURIComponent(String(value));
}
