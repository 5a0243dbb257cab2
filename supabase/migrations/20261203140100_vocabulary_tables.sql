-- Vocabularies as lookup tables: lead event types, lead sources and notification categories.
-- Until now each was a check constraint, and modules that added event types rewrote the
-- constraint through private.allow_lead_event_types, which parsed its printed text with a
-- regular expression. A lookup table with a foreign key says the same thing, and adding a
-- value becomes one plain statement that also works inside a migration's transaction:
--
--   insert into public.lead_event_types (type) values ('offer_sent');
--
-- (Lookup tables rather than enums: `alter type … add value` cannot be used in the transaction
-- that adds it, and every migration here runs in one; a row can, on PGlite and PostgreSQL alike.)
-- Each table has one TypeScript twin (LEAD_EVENT_TYPES and LEAD_SOURCES in lib/leads,
-- NOTIFICATION_CATEGORIES in lib/notifications/categories.ts); tests/integration/vocabularies.test.ts
-- keeps them equal. Values are never removed or renamed: stored rows and settings refer to them.
--
-- Shared by every organization and holding no tenant data: members read them, nobody but
-- migrations writes them (no insert, update or delete grant to any API role).

-- ---------------------------------------------------------------------------
-- What can happen on a lead's timeline (public.lead_events.type).
create table public.lead_event_types (
  type text primary key check (type ~ '^[a-z][a-z0-9_]{0,39}$')
);
comment on table public.lead_event_types is 'Vocabulary of public.lead_events.type; written by migrations only.';
alter table public.lead_event_types enable row level security;
revoke all on public.lead_event_types from public, anon, authenticated, service_role;
grant select on public.lead_event_types to authenticated, service_role;
create policy "Signed-in users can read the lead event types" on public.lead_event_types
  for select to authenticated using (true);

-- Every type the earlier migrations allowed, whichever of them a database has run.
insert into public.lead_event_types (type) values
  ('created'), ('updated'), ('bant_changed'), ('heat_changed'), ('heat_override'), ('status_changed'), ('owner_changed'),
  ('note'), ('deleted'), ('restored'), ('imported'), ('signal'), ('bant_qualified'),
  ('meeting_booked'), ('meeting_canceled'), ('meeting_rescheduled'), ('meeting_no_show'), ('meeting_no_show_cleared'),
  ('ai_draft_approved'), ('ai_draft_rejected'), ('ai_auto_sent'),
  ('meeting_held');

alter table public.lead_events drop constraint lead_events_type_check;
alter table public.lead_events
  add constraint lead_events_type_fkey foreign key (type) references public.lead_event_types (type);

-- The constraint rewriter has no use left; new types are rows.
drop function private.allow_lead_event_types(text[]);

-- ---------------------------------------------------------------------------
-- Where a lead came from (public.leads.source).
create table public.lead_sources (
  source text primary key check (source ~ '^[a-z][a-z0-9_]{0,39}$')
);
comment on table public.lead_sources is 'Vocabulary of public.leads.source; written by migrations only.';
alter table public.lead_sources enable row level security;
revoke all on public.lead_sources from public, anon, authenticated, service_role;
grant select on public.lead_sources to authenticated, service_role;
create policy "Signed-in users can read the lead sources" on public.lead_sources
  for select to authenticated using (true);

insert into public.lead_sources (source) values
  ('manual'), ('import'), ('whatsapp'), ('sms'), ('voice'), ('email'), ('calendly'), ('api');

alter table public.leads drop constraint leads_source_check;
alter table public.leads
  add constraint leads_source_fkey foreign key (source) references public.lead_sources (source);

-- ---------------------------------------------------------------------------
-- What a notification is about (public.notifications.category, the keys of
-- public.user_notification_settings.channels), with each category's default channels, so a
-- new category is one row: its name and its defaults.
create table public.notification_categories (
  category text primary key check (category ~ '^[a-z][a-z0-9_]{0,39}$'),
  default_in_app boolean not null,
  default_email boolean not null,
  default_push boolean not null,
  default_sms boolean not null
);
comment on table public.notification_categories is
  'Vocabulary of notification categories and their default channels; written by migrations only.';
alter table public.notification_categories enable row level security;
revoke all on public.notification_categories from public, anon, authenticated, service_role;
grant select on public.notification_categories to authenticated, service_role;
create policy "Signed-in users can read the notification categories" on public.notification_categories
  for select to authenticated using (true);

-- The defaults private.notification_channel_defaults() held until now, unchanged.
insert into public.notification_categories (category, default_in_app, default_email, default_push, default_sms) values
  ('lead_updates',        true, false, false, false),
  ('meeting_reminders',   true, true,  false, false),
  ('bant_qualifications', true, true,  false, false),
  ('calendly_bookings',   true, true,  false, false),
  ('heat_progressions',   true, false, false, false),
  ('approvals',           true, true,  false, false),
  ('inbox_messages',      true, true,  false, false),
  ('integrations',        true, true,  false, false);

alter table public.notifications drop constraint notifications_category_check;
alter table public.notifications
  add constraint notifications_category_fkey foreign key (category) references public.notification_categories (category);

-- Same name, signature and answer as before ({ "<category>": { "in_app", "email", "push", "sms" } }),
-- now read from the table (so stable, no longer immutable). Callers: private.create_notifications.
create or replace function private.notification_channel_defaults() returns jsonb
  language sql stable
  set search_path = ''
as $$
  select coalesce(jsonb_object_agg(c.category, jsonb_build_object(
           'in_app', c.default_in_app, 'email', c.default_email, 'push', c.default_push, 'sms', c.default_sms)), '{}'::jsonb)
    from public.notification_categories c
$$;

-- A foreign key cannot reach into jsonb keys: a trigger refuses settings for a category the
-- table does not know (the same SQLSTATE a foreign key raises).
create or replace function private.check_notification_setting_categories() returns trigger
  language plpgsql
  set search_path = ''
as $$
declare
  unknown text;
begin
  select k into unknown
    from jsonb_object_keys(new.channels) k
   where not exists (select 1 from public.notification_categories c where c.category = k)
   limit 1;
  if unknown is not null then
    raise exception 'Unknown notification category %.', unknown using errcode = '23503';
  end if;
  return new;
end
$$;
revoke all on function private.check_notification_setting_categories() from public;

create trigger user_notification_settings_categories before insert or update of channels on public.user_notification_settings
  for each row execute function private.check_notification_setting_categories();
