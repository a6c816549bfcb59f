import { isRitmoApiError } from '@ritmo/client';

/** An API error as the user should see it: the message, the code, and the server's suggestions. */
export function ErrorBox({ error, title = 'Something went wrong' }: { error: unknown; title?: string }) {
  if (!error) return null;
  const api = isRitmoApiError(error) ? error : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      <p className="font-semibold">{title}</p>
      <p className="mt-1 break-words">
        {message}
        {api ? <code className="ml-2 text-xs opacity-80">{api.code}</code> : null}
      </p>
      {api && api.suggestions.length > 0 ? (
        <ul className="mt-1 list-disc pl-5">
          {api.suggestions.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
