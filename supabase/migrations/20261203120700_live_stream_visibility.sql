-- Live updates: a membership that changes or ends (a member removed, a role changed, the
-- organization deleted, which cascades here) announces itself on the live-event channel,
-- so that user's open event streams re-check their access at once and end instead of
-- streaming on (lib/realtime/stream.ts). The announcement carries ids only and is never
-- passed to a browser.
create trigger memberships_announce after update or delete on public.memberships
  for each row execute function private.announce_change('memberships');
