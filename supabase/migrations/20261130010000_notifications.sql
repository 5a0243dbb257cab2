-- Notifications: what each user is told (in the app, by email, web push or SMS), their
-- delivery preferences and quiet hours, their browsers' push subscriptions, and the state
-- of every out-of-app delivery. Producers never write these rows: lib/notifications/notify.ts
-- decides recipients and calls private.create_notifications, which checks the caller.

-- ---------------------------------------------------------------------------
-- Per-user preferences. One row per user (quiet hours are personal, whatever the
-- organization); a user without a row gets the defaults below.
create table public.user_notification_settings (
  user_id uuid primary key references auth.users (id) on delete cascade,
  -- { "<category>": { "in_app": bool, "email": bool, "push": bool, "sms": bool } }; missing keys fall back
  -- to private.notification_channel_defaults().
  channels jsonb not null default '{}'::jsonb check (jsonb_typeof(channels) = 'object'),
  timezone text not null default 'Europe/Zurich' check (char_length(timezone) between 1 and 64),
  quiet_enabled boolean not null default true,
  quiet_start text not null default '22:00' check (quiet_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  quiet_end text not null default '08:00' check (quiet_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  allow_urgent_in_quiet boolean not null default false,
  -- Outside working hours (when enabled) email, push and SMS wait like in quiet hours.
  working_enabled boolean not null default false,
  working_start text not null default '09:00' check (working_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  working_end text not null default '18:00' check (working_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  meeting_reminder_minutes integer not null default 15 check (meeting_reminder_minutes between 0 and 1440), -- 0: no reminders
  phone text check (phone ~ '^\+[1-9][0-9]{6,14}$'), -- E.164, for SMS
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.user_notification_settings is 'Each user''s notification channels per category, quiet and working hours, time zone and SMS number.';
alter table public.user_notification_settings enable row level security;
create trigger user_notification_settings_updated_at before update on public.user_notification_settings
  for each row execute function private.set_updated_at();

revoke all on public.user_notification_settings from anon, authenticated;
grant select on public.user_notification_settings to authenticated;
grant insert (user_id, channels, timezone, quiet_enabled, quiet_start, quiet_end, allow_urgent_in_quiet, working_enabled,
              working_start, working_end, meeting_reminder_minutes, phone) on public.user_notification_settings to authenticated;
grant update (channels, timezone, quiet_enabled, quiet_start, quiet_end, allow_urgent_in_quiet, working_enabled,
              working_start, working_end, meeting_reminder_minutes, phone) on public.user_notification_settings to authenticated;
grant all on public.user_notification_settings to service_role;

create policy "Users can read their own notification settings" on public.user_notification_settings
  for select to authenticated using (user_id = (select auth.uid()));
create policy "Users can create their own notification settings" on public.user_notification_settings
  for insert to authenticated with check (user_id = (select auth.uid()));
create policy "Users can change their own notification settings" on public.user_notification_settings
  for update to authenticated using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

-- The defaults of the settings design. lib/notifications/categories.ts holds the same table
-- (a test keeps them equal): in the app everything; by email the things worth leaving the app for.
create or replace function private.notification_channel_defaults() returns jsonb
  language sql immutable
  set search_path = ''
as $$
  select '{
    "lead_updates":        {"in_app": true, "email": false, "push": false, "sms": false},
    "meeting_reminders":   {"in_app": true, "email": true,  "push": false, "sms": false},
    "bant_qualifications": {"in_app": true, "email": true,  "push": false, "sms": false},
    "calendly_bookings":   {"in_app": true, "email": true,  "push": false, "sms": false},
    "heat_progressions":   {"in_app": true, "email": false, "push": false, "sms": false},
    "approvals":           {"in_app": true, "email": true,  "push": false, "sms": false},
    "inbox_messages":      {"in_app": true, "email": true,  "push": false, "sms": false},
    "integrations":        {"in_app": true, "email": true,  "push": false, "sms": false}
  }'::jsonb
$$;
revoke all on function private.notification_channel_defaults() from public;
grant execute on function private.notification_channel_defaults() to authenticated, service_role;

-- ---------------------------------------------------------------------------
-- Notifications. One row per recipient. A user who switched the in-app channel off for a
-- category still gets a row when another channel is on (it carries that channel's delivery
-- state) but with in_app = false, and the notification center never lists it.
create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  kind text not null check (char_length(kind) between 1 and 40),   -- the producer's event kind
  category text not null check (category in ('lead_updates', 'meeting_reminders', 'bant_qualifications', 'calendly_bookings',
                                             'heat_progressions', 'approvals', 'inbox_messages', 'integrations')),
  title text not null check (char_length(title) between 1 and 200),
  message text not null default '' check (char_length(message) <= 1000),
  type text not null default 'info' check (type in ('success', 'info', 'warning', 'error')),
  priority text not null default 'normal' check (priority in ('normal', 'urgent')),
  -- A deep link inside the app: a relative path only, never another site.
  action_url text check (action_url ~ '^/([^/\\]|$)' and char_length(action_url) <= 500),
  metadata jsonb not null default '{}'::jsonb check (jsonb_typeof(metadata) = 'object'), -- category, priority, kind, leadId, …
  in_app boolean not null default true,
  read_at timestamptz,
  dedupe_key text check (char_length(dedupe_key) <= 200), -- one reminder per meeting and start time
  created_at timestamptz not null default now()
);
comment on table public.notifications is 'What a user is told, one row per recipient; in_app = false rows only carry out-of-app deliveries.';
alter table public.notifications enable row level security;
-- The notification center: newest first within the current organization, keyset on (created_at, id).
create index notifications_user_recent_idx on public.notifications (user_id, org_id, created_at desc, id desc) where in_app;
create index notifications_user_unread_idx on public.notifications (user_id, org_id) where in_app and read_at is null;
create index notifications_org_idx on public.notifications (org_id);
create unique index notifications_dedupe_key on public.notifications (user_id, dedupe_key) where dedupe_key is not null;

revoke all on public.notifications from anon, authenticated;
grant select on public.notifications to authenticated;
grant update (read_at) on public.notifications to authenticated;
grant all on public.notifications to service_role;

-- A user who left an organization no longer sees what it told them.
create policy "Users can read their own notifications" on public.notifications
  for select to authenticated
  using (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]));
create policy "Users can mark their own notifications read" on public.notifications
  for update to authenticated
  using (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]))
  with check (user_id = (select auth.uid()));

-- ---------------------------------------------------------------------------
-- Web push subscriptions, one per browser. An endpoint belongs to whoever subscribed last
-- in that browser (see private.save_push_subscription).
create table public.push_subscriptions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  endpoint text not null unique check (endpoint ~ '^https?://' and char_length(endpoint) <= 1000),
  p256dh text not null check (char_length(p256dh) between 1 and 200),
  auth text not null check (char_length(auth) between 1 and 100),
  user_agent text check (char_length(user_agent) <= 300),
  created_at timestamptz not null default now(),
  last_used_at timestamptz
);
comment on table public.push_subscriptions is 'Browsers a user receives web push notifications in.';
alter table public.push_subscriptions enable row level security;
create index push_subscriptions_user_idx on public.push_subscriptions (user_id);

revoke all on public.push_subscriptions from anon, authenticated;
grant select, delete on public.push_subscriptions to authenticated;
grant all on public.push_subscriptions to service_role;

create policy "Users can read their own push subscriptions" on public.push_subscriptions
  for select to authenticated using (user_id = (select auth.uid()));
create policy "Users can remove their own push subscriptions" on public.push_subscriptions
  for delete to authenticated using (user_id = (select auth.uid()));

-- Subscribing again from a browser that another account used before moves the endpoint
-- to the caller: the push service only ever delivers to the browser that holds it.
create or replace function private.save_push_subscription(p_endpoint text, p_p256dh text, p_auth text, p_user_agent text)
  returns uuid
  language plpgsql security definer
  set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
  saved uuid;
begin
  if me is null then
    raise exception 'Sign in to subscribe to push notifications.' using errcode = '42501';
  end if;
  insert into public.push_subscriptions (user_id, endpoint, p256dh, auth, user_agent)
  values (me, p_endpoint, p_p256dh, p_auth, p_user_agent)
  on conflict (endpoint) do update set user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth,
                                       user_agent = excluded.user_agent, created_at = now()
  returning id into saved;
  return saved;
end
$$;
revoke all on function private.save_push_subscription(text, text, text, text) from public;
grant execute on function private.save_push_subscription(text, text, text, text) to authenticated;

-- ---------------------------------------------------------------------------
-- Digests: everything held for one user and channel during a quiet period, sent as one.
create table public.notification_digests (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  channel text not null check (channel in ('email', 'push', 'sms')),
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  item_count integer not null check (item_count > 0),
  attempts integer not null default 0,
  last_error text check (char_length(last_error) <= 500),
  claimed_until timestamptz,    -- a worker holds it until then, so two never send it twice
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
comment on table public.notification_digests is 'One email, push or SMS summarizing deliveries held during a quiet period.';
alter table public.notification_digests enable row level security;
create index notification_digests_user_idx on public.notification_digests (user_id, created_at desc);
create index notification_digests_pending_idx on public.notification_digests (created_at) where status = 'pending';

revoke all on public.notification_digests from anon, authenticated;
grant select on public.notification_digests to authenticated;
grant all on public.notification_digests to service_role;
create policy "Users can read their own digests" on public.notification_digests
  for select to authenticated using (user_id = (select auth.uid()));

-- ---------------------------------------------------------------------------
-- Out-of-app deliveries, one per notification and channel. pending → sent | failed | held
-- (quiet hours: waits for the digest) | skipped (nothing to deliver to, e.g. no browser subscribed).
create table public.notification_deliveries (
  id uuid primary key default gen_random_uuid(),
  notification_id uuid not null references public.notifications (id) on delete cascade,
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  channel text not null check (channel in ('email', 'push', 'sms')),
  status text not null default 'pending' check (status in ('pending', 'held', 'sent', 'failed', 'skipped')),
  attempts integer not null default 0 check (attempts >= 0),
  last_error text check (char_length(last_error) <= 500),
  held_until timestamptz,       -- when the quiet period ends and the digest goes out
  claimed_until timestamptz,    -- a worker holds it until then, so two never send it twice
  sent_at timestamptz,
  digest_id uuid references public.notification_digests (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (notification_id, channel)
);
comment on table public.notification_deliveries is 'State of each email, push and SMS delivery of a notification, shown to its user ("Email sent", "Push not delivered").';
alter table public.notification_deliveries enable row level security;
create index notification_deliveries_user_idx on public.notification_deliveries (user_id);
create index notification_deliveries_org_idx on public.notification_deliveries (org_id);
create index notification_deliveries_pending_idx on public.notification_deliveries (created_at) where status = 'pending';
create index notification_deliveries_held_idx on public.notification_deliveries (held_until) where status = 'held' and digest_id is null;
create index notification_deliveries_digest_idx on public.notification_deliveries (digest_id) where digest_id is not null;
create trigger notification_deliveries_updated_at before update on public.notification_deliveries
  for each row execute function private.set_updated_at();

revoke all on public.notification_deliveries from anon, authenticated;
grant select on public.notification_deliveries to authenticated;
grant all on public.notification_deliveries to service_role;
create policy "Users can read the delivery state of their own notifications" on public.notification_deliveries
  for select to authenticated using (user_id = (select auth.uid()));

-- ---------------------------------------------------------------------------
-- The one way notification rows are written. The caller is the service role (webhooks,
-- jobs) or a member of `org` acting in a request; recipients who are not members of `org`
-- are dropped, so nobody can notify outside their own organization. Channels follow each
-- recipient's settings (or the defaults); a recipient with every channel off gets nothing.
-- Returns [{ notificationId, userId, inApp, deliveries: [{ id, channel }] }].
create or replace function private.create_notifications(org uuid, recipients uuid[], item jsonb)
  returns jsonb
  language plpgsql security definer
  set search_path = ''
as $$
declare
  caller text := (select auth.role());
  recipient uuid;
  category text := item ->> 'category';
  prefs jsonb;
  new_id uuid;
  channel text;
  deliveries jsonb;
  delivery_id uuid;
  created jsonb := '[]'::jsonb;
begin
  if not (caller = 'service_role' or (caller = 'authenticated' and private.is_member(org))) then
    raise exception 'Only members of the organization can notify its members.' using errcode = '42501';
  end if;
  if not (private.notification_channel_defaults() ? category) then
    raise exception 'Unknown notification category %.', category using errcode = '22023';
  end if;

  for recipient in
    select m.user_id from public.memberships m where m.org_id = org and m.user_id = any (recipients) order by m.user_id
  loop
    prefs := (private.notification_channel_defaults() -> category)
             || coalesce((select s.channels -> category from public.user_notification_settings s where s.user_id = recipient), '{}'::jsonb);
    if not (coalesce((prefs ->> 'in_app')::boolean, false) or coalesce((prefs ->> 'email')::boolean, false)
            or coalesce((prefs ->> 'push')::boolean, false) or coalesce((prefs ->> 'sms')::boolean, false)) then
      continue;
    end if;

    new_id := null;
    insert into public.notifications (org_id, user_id, kind, category, title, message, type, priority, action_url, metadata, in_app, dedupe_key)
    values (org, recipient, item ->> 'kind', category, item ->> 'title', coalesce(item ->> 'message', ''),
            coalesce(item ->> 'type', 'info'), coalesce(item ->> 'priority', 'normal'), item ->> 'actionUrl',
            coalesce(item -> 'metadata', '{}'::jsonb), coalesce((prefs ->> 'in_app')::boolean, false), item ->> 'dedupeKey')
    on conflict (user_id, dedupe_key) where dedupe_key is not null do nothing
    returning id into new_id;
    if new_id is null then
      continue; -- already told (a reminder for this meeting and start time)
    end if;

    deliveries := '[]'::jsonb;
    foreach channel in array array['email', 'push', 'sms'] loop
      if coalesce((prefs ->> channel)::boolean, false) then
        insert into public.notification_deliveries (notification_id, org_id, user_id, channel)
        values (new_id, org, recipient, channel)
        returning id into delivery_id;
        deliveries := deliveries || jsonb_build_object('id', delivery_id, 'channel', channel);
      end if;
    end loop;
    created := created || jsonb_build_object('notificationId', new_id, 'userId', recipient,
                                             'inApp', coalesce((prefs ->> 'in_app')::boolean, false), 'deliveries', deliveries);
  end loop;
  return created;
end
$$;
revoke all on function private.create_notifications(uuid, uuid[], jsonb) from public;
grant execute on function private.create_notifications(uuid, uuid[], jsonb) to authenticated, service_role;

-- What recipient rules need to know about an event's subjects, whatever the caller may see:
-- the lead's owner and name, the conversation's assignee, the meeting's owner (the meetings
-- table arrives in a later migration, hence the dynamic lookup) and the members with their
-- roles. Only for the service role or a member of `org`; ids of another organization answer null.
create or replace function private.notification_context(org uuid, p_lead uuid, p_conversation uuid, p_meeting uuid)
  returns jsonb
  language plpgsql stable security definer
  set search_path = ''
as $$
declare
  caller text := (select auth.role());
  lead_owner uuid;
  lead_name text;
  assignee uuid;
  meeting_owner uuid;
begin
  if not (caller = 'service_role' or (caller = 'authenticated' and private.is_member(org))) then
    raise exception 'Only members of the organization can notify its members.' using errcode = '42501';
  end if;
  select l.owner_id, l.name into lead_owner, lead_name from public.leads l where l.id = p_lead and l.org_id = org;
  select c.assignee_id into assignee from public.conversations c where c.id = p_conversation and c.org_id = org;
  if p_meeting is not null and to_regclass('public.meetings') is not null then
    execute 'select owner_id from public.meetings where id = $1 and org_id = $2' into meeting_owner using p_meeting, org;
  end if;
  return jsonb_build_object(
    'leadOwnerId', lead_owner,
    'leadName', lead_name,
    'conversationAssigneeId', assignee,
    'meetingOwnerId', meeting_owner,
    'members', coalesce((select jsonb_agg(jsonb_build_object('userId', m.user_id, 'role', m.role) order by m.user_id)
                           from public.memberships m where m.org_id = org), '[]'::jsonb));
end
$$;
revoke all on function private.notification_context(uuid, uuid, uuid, uuid) from public;
grant execute on function private.notification_context(uuid, uuid, uuid, uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------
-- Live updates: the stream passes these only to the browser of `user_id`.
create trigger notifications_announce after insert or update on public.notifications
  for each row execute function private.announce_change('notifications');
create trigger notification_deliveries_announce after update on public.notification_deliveries
  for each row when (old.status is distinct from new.status)
  execute function private.announce_change('notifications');
