import type { Project } from '@ritmo/store';

/** Whether anyone may fetch the project's badge without signing in (`settings.badge.public`, default false). */
export function badgeIsPublic(project: Project): boolean {
  const badge = project.settings['badge'];
  return typeof badge === 'object' && badge !== null && (badge as { public?: unknown }).public === true;
}
