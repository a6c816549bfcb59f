import { useEffect } from 'react';
import { useProjects } from '../lib/use-projects';

/** Picks one project by name; selects the first project once the list arrives. */
export function ProjectSelect({ value, onChange }: { value: string; onChange: (project: string) => void }) {
  const projects = useProjects();
  const items = projects.data?.items ?? [];
  const first = items[0]?.name;
  useEffect(() => {
    if (!value && first) onChange(first);
  }, [value, first, onChange]);
  return (
    <label className="flex items-center gap-2 text-sm">
      Project
      <select className="input" value={value} onChange={(e) => onChange(e.target.value)} disabled={items.length === 0}>
        {items.length === 0 ? <option value="">No projects</option> : null}
        {items.map((p) => (
          <option key={p.id} value={p.name}>{p.name}</option>
        ))}
      </select>
    </label>
  );
}
