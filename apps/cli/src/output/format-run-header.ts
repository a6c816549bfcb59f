import type { Plan, TriggerContext, TriggerMatch } from '@ritmo/pipeline';
import type { Colors } from './colors.js';

/** The lines before a local run: what runs, for which trigger, and a note when `on:` would not build it. */
export function formatRunHeader(
  view: { plan: Plan; trigger: TriggerContext; on: TriggerMatch; maxParallel: number },
  colors: Colors,
): string {
  const { plan, trigger } = view;
  const facts = [`event ${trigger.event}`];
  if (trigger.ref !== undefined) facts.push(`ref ${trigger.ref}`);
  if (trigger.sha !== undefined) facts.push(`sha ${trigger.sha.slice(0, 12)}`);
  const jobs = `${plan.jobs.length} job${plan.jobs.length === 1 ? '' : 's'}`;
  const lines = [`${colors.bold(`ritmo run ${plan.name}`)} (${plan.file}): ${jobs}, ${facts.join(', ')}, max-parallel ${view.maxParallel}`];
  if (!view.on.matched) lines.push(colors.yellow(`note: on: would not build this (${view.on.reason}); running anyway`));
  return `${lines.join('\n')}\n`;
}
