-- Per-user integration defaults that act (lib/preferences, issue 14).
--
-- 1. The Calendly event types of an organization's connected account, as last listed from
--    Calendly's API (GET /event_types; lib/integrations/calendly/event-types.ts writes them when a
--    member opens the picker of Settings → Preferences). A member's default event type is checked
--    against this list wherever it is read (the settings page, the export and import, the drafting
--    job), so those reads stay plain SQL and never wait on Calendly. A reconnect or a disconnect
--    empties it (lib/integrations/connections.ts), so a choice from another account reads as none.
alter table public.integration_connections
  add column event_types jsonb not null default '[]'::jsonb
    check (jsonb_typeof(event_types) = 'array' and octet_length(event_types::text) <= 262144),
  add column event_types_listed_at timestamptz;
comment on column public.integration_connections.event_types is
  'The connected Calendly account''s active event types as last listed: [{ uri, name, schedulingUrl, durationMinutes }]. Not granted to authenticated: members read it through private.calendly_event_types(org).';

-- Every member may see which event types the organization offers (their default is one of them),
-- while the connection row itself stays admins-only; the service role (the drafting job) too.
create function private.calendly_event_types(org uuid)
  returns table (connected boolean, event_types jsonb, listed_at timestamptz)
  language sql stable security definer
  set search_path = ''
as $$
  select c.status <> 'disconnected', c.event_types, c.event_types_listed_at
    from public.integration_connections c
   where c.org_id = org and c.provider = 'calendly'
     and ((select auth.role()) = 'service_role' or private.is_member(org))
$$;
revoke all on function private.calendly_event_types(uuid) from public;
grant execute on function private.calendly_event_types(uuid) to authenticated, service_role;

-- 2. Attribution of a booking to an agent accepts the scheduling link the draft actually carried:
--    since a draft may offer its lead owner's default Calendly event type instead of the agent's
--    link, the draft task records the link it offered (payload.schedulingUrl, lib/approvals/draft.ts).
--    Tasks written before this carry none and keep the earlier rule (the agent's link, else the
--    connected Calendly page).
create or replace function private.attribute_meeting_to_agent() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  booked timestamptz := coalesce(new.booked_at, new.created_at, now());
begin
  if new.rescheduled_from_id is not null and (tg_op = 'INSERT' or old.rescheduled_from_id is null) then
    new.agent_id := coalesce((select m.agent_id from public.meetings m where m.id = new.rescheduled_from_id), new.agent_id);
  end if;
  if tg_op = 'INSERT' and new.agent_id is null then
    new.agent_id := (
      select t.agent_id
        from public.hil_tasks t
        join public.messages m on m.id = t.sent_message_id
        join public.ai_agents a on a.id = t.agent_id
        left join public.integration_connections ic
          on ic.org_id = t.org_id and ic.provider = 'calendly' and ic.status = 'connected'
        cross join lateral (
          select rtrim(coalesce(nullif(t.payload ->> 'schedulingUrl', ''), a.scheduling_url, ic.scheduling_url), '/') as link
        ) l
       where t.lead_id = new.lead_id and t.org_id = new.org_id and t.kind = 'message_approval' and t.status = 'approved'
         and m.created_at <= booked and m.created_at > booked - interval '14 days'
         and l.link is not null and l.link <> ''
         and strpos(m.body, l.link) > 0
       order by m.created_at desc, m.id desc
       limit 1);
  end if;
  return new;
end
$$;

-- 3. Two integration defaults that nothing used are gone (lib/preferences/README.md): the Calendly
--    booking switch (the notification settings' `calendly_bookings` category is its one home) and
--    the email signature (until Kiln has an email channel). Reads drop them anyway; stored rows
--    shed them here so no text lingers that nothing shows or uses.
update public.user_app_preferences
   set integration_settings = (integration_settings - 'email') #- '{calendly,bookingNotifications}'
 where integration_settings ? 'email' or integration_settings -> 'calendly' ? 'bookingNotifications';
comment on column public.user_app_preferences.integration_settings is
  '{ calendly: { defaultEventTypeUri }, whatsapp: { preferredNumberId } }: per-user integration defaults (lib/preferences/schema.ts), never credentials.';
