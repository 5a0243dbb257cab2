/**
 * A full page load, used after the session or the current organization changes: every
 * server component renders again for the new session and no client cache (React Query)
 * keeps data from the previous organization. router.push would keep both.
 */
export function hardNavigate(path: string): void {
  window.location.assign(path);
}
