/** Says plainly that this server has no API for a feature yet (instead of showing made-up data). */
export function NotAvailable({ feature, detail }: { feature: string; detail?: string }) {
  return (
    <div className="card" data-testid="not-available">
      <p className="font-medium">{feature} is not available on this server yet.</p>
      <p className="muted mt-1 text-sm">{detail ?? 'This server does not offer the API this view needs. It appears here once the server supports it.'}</p>
    </div>
  );
}
