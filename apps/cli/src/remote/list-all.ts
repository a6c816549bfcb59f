import type { Page } from '@ritmo/client';

/** Every item of a paged list, page after page (`limit` 200), following `nextCursor` to the end. */
export async function listAll<T>(page: (params: { cursor?: string; limit: number }) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const next: Page<T> = await page({ limit: 200, ...(cursor === null ? {} : { cursor }) });
    items.push(...next.items);
    cursor = next.nextCursor;
  } while (cursor !== null);
  return items;
}
