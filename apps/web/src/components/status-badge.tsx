import { statusStyle } from '../lib/status-style';

/** A status as a colored pill with a symbol and the word (never color alone). */
export function StatusBadge({ status, className = '' }: { status: string; className?: string }) {
  const s = statusStyle(status);
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold ${s.badge} ${className}`} data-status={status}>
      <span aria-hidden="true">{s.symbol}</span>
      {status}
    </span>
  );
}
