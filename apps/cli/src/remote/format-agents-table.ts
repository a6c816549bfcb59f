import type { Agent } from '@ritmo/client';
import type { Colors } from '../output/colors.js';
import { formatAge } from './format-age.js';
import { formatTable } from './format-table.js';

/** The table of `ritmo agents`: name, status (and draining), labels, capacity, running jobs, last seen, id. */
export function formatAgentsTable(agents: readonly Agent[], colors: Colors, now: number): string {
  return formatTable(
    ['NAME', 'STATUS', 'LABELS', 'CAPACITY', 'RUNNING', 'LAST SEEN', 'ID'],
    agents.map((a) => {
      const status = a.draining ? `${a.status}, draining` : a.status;
      const paint = a.status === 'offline' ? colors.gray : a.draining ? colors.yellow : colors.green;
      return [
        a.name,
        { text: status, paint },
        a.labels.join(',') || '-',
        String(a.capacity),
        String(a.runningJobs.length),
        formatAge(a.lastSeenAt, now),
        { text: a.id, paint: colors.dim },
      ];
    }),
    colors,
  );
}
