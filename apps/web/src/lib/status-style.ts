/** Colors and symbols of every build, job and step status (text as well as color, for color-blind users). */
const styles: Record<string, { badge: string; dot: string; symbol: string }> = {
  success: { badge: 'bg-green-100 text-green-900 dark:bg-green-900/60 dark:text-green-100', dot: 'bg-green-600', symbol: '✓' },
  failure: { badge: 'bg-red-100 text-red-900 dark:bg-red-900/60 dark:text-red-100', dot: 'bg-red-600', symbol: '✗' },
  running: { badge: 'bg-blue-100 text-blue-900 dark:bg-blue-900/60 dark:text-blue-100', dot: 'bg-blue-600 animate-pulse', symbol: '●' },
  queued: { badge: 'bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100', dot: 'bg-amber-500', symbol: '◷' },
  waiting: { badge: 'bg-purple-100 text-purple-900 dark:bg-purple-900/60 dark:text-purple-100', dot: 'bg-purple-600', symbol: '⏸' },
  pending: { badge: 'bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200', dot: 'bg-slate-400', symbol: '○' },
  canceled: { badge: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100', dot: 'bg-slate-500', symbol: '⊘' },
  skipped: { badge: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300', dot: 'bg-slate-300', symbol: '↷' },
  in_progress: { badge: 'bg-blue-100 text-blue-900 dark:bg-blue-900/60 dark:text-blue-100', dot: 'bg-blue-600 animate-pulse', symbol: '●' },
  rolled_back: { badge: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100', dot: 'bg-slate-500', symbol: '↺' },
  lost: { badge: 'bg-orange-100 text-orange-900 dark:bg-orange-900/60 dark:text-orange-100', dot: 'bg-orange-600', symbol: '!' },
  online: { badge: 'bg-green-100 text-green-900 dark:bg-green-900/60 dark:text-green-100', dot: 'bg-green-600', symbol: '●' },
  offline: { badge: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100', dot: 'bg-slate-500', symbol: '○' },
};

export function statusStyle(status: string): { badge: string; dot: string; symbol: string } {
  return styles[status] ?? (styles.pending as { badge: string; dot: string; symbol: string });
}
