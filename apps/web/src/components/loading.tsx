export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="muted text-sm" role="status">
      {what}…
    </p>
  );
}
