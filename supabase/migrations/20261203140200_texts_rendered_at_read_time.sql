-- Texts rendered at read time. Notifications and timeline entries stored English sentences;
-- they now store a kind and the parameters its text is rendered from in the reader's language
-- (lib/notifications/render.ts, lib/leads/reasons.ts, messages under `notificationTexts` and
-- `timelineReasons` in lib/i18n/messages/*.json), in the app, the API, emails, digests and push.
-- Only free text typed by people (a note, an override's reason, a rejection note, a lead's
-- message) is stored as written, as a parameter or in lead_events.reason.
--
-- Existing rows are migrated: each sentence the code used to write is matched by its pattern
-- and becomes its kind and parameters. A sentence no pattern matches keeps its text as the
-- `legacy` parameter and is shown as it was, so nothing disappears.

-- ---------------------------------------------------------------------------
-- Notifications: `kind` already says what happened; `params` replaces `title` and `message`.
alter table public.notifications
  add column params jsonb not null default '{}'::jsonb check (jsonb_typeof(params) = 'object');
comment on column public.notifications.params is
  'What the text of `kind` is rendered from in the reader''s language (lib/notifications/render.ts); '
  '{ "legacy": { "title", "message" } } for an old sentence that could not be mapped, shown as it was.';

-- Temporary: the patterns of the sentences lib/notifications/compose.ts wrote until now.
create function private.notification_params_from_sentence(p_kind text, p_title text, p_message text, p_metadata jsonb)
  returns jsonb
  language plpgsql immutable
  set search_path = ''
as $$
declare
  t text[];
  m text[];
  lead text;
  starts_at text := p_metadata ->> 'startsAt';
  stamp constant text := '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]{2}, \d{2}:\d{2} [^.]*?';
begin
  case p_kind
    when 'heat_changed' then
      t := coalesce(regexp_match(p_title, '^(.*) is now (cold|warm|hot|burning)$'), regexp_match(p_title, '^(.*) cooled down to (cold|warm|hot|burning)$'));
      m := regexp_match(p_message, '^Heat (cold|warm|hot|burning) → (cold|warm|hot|burning)(?:: (.*))?$');
      if t is not null and m is not null and t[2] = m[2] then
        lead := t[1];
        return jsonb_build_object('lead', lead, 'from', m[1], 'to', m[2], 'reason', m[3]);
      end if;
    when 'bant_qualified' then
      t := regexp_match(p_title, '^(.*) is BANT qualified$');
      if t is not null and p_message = 'Budget, authority, need and timeline are all confirmed.' then
        lead := t[1];
        return jsonb_build_object('lead', lead);
      end if;
    when 'meeting_booked', 'meeting_rescheduled', 'meeting_no_show', 'meeting_canceled' then
      t := regexp_match(p_title, '^(.*) ' || case p_kind when 'meeting_booked' then 'booked a meeting' when 'meeting_rescheduled' then 'rescheduled a meeting'
                                                          when 'meeting_no_show' then 'did not show up' else 'canceled a meeting' end || '$');
      m := regexp_match(p_message, '^(.*) — ' || case when p_kind = 'meeting_rescheduled' then 'now ' else '' end || stamp
                                   || case when p_kind = 'meeting_canceled' then '(?:\. Reason: (.*))?' else '()' end || '$');
      if t is not null and m is not null and starts_at is not null then
        lead := t[1];
        return jsonb_build_object('lead', lead, 'title', m[1], 'startsAt', starts_at) || case when m[2] <> '' then jsonb_build_object('reason', m[2]) else '{}' end;
      end if;
    when 'meeting_reminder' then
      t := regexp_match(p_title, '^Meeting with (.*) (?:in (\d+) min|starts now)$');
      m := regexp_match(p_message, '^(.*) — ' || stamp || '$');
      if t is not null and m is not null and starts_at is not null then
        lead := t[1];
        return jsonb_build_object('lead', lead, 'title', m[1], 'startsAt', starts_at, 'minutes', coalesce(t[2]::int, 0));
      end if;
    when 'approval_requested' then
      t := regexp_match(p_title, '^A reply to (.*) needs approval$');
      if t is not null then
        lead := t[1];
        return jsonb_build_object('lead', lead, 'agent', null, 'preview', p_message);
      end if;
      t := regexp_match(p_title, '^(.+?) drafted a reply to (.*)$');
      if t is not null then
        lead := t[2];
        return jsonb_build_object('lead', lead, 'agent', t[1], 'preview', p_message);
      end if;
    when 'approval_decided' then
      t := regexp_match(p_title, '^Reply to (.*) (approved|rejected)$');
      if t is not null then
        lead := t[1];
        return jsonb_build_object('lead', lead, 'decision', t[2], 'note',
          case when p_message in ('The reply was sent.', 'The draft was not sent.', '') then null else p_message end);
      end if;
    when 'inbound_message' then
      t := regexp_match(p_title, '^New message from (.*)$');
      if t is not null then
        lead := t[1];
        return jsonb_build_object('lead', lead, 'preview', case when p_message = '(attachment)' then '' else p_message end);
      end if;
    when 'integration_failing' then
      t := regexp_match(p_title, '^(Calendly|Twilio|WhatsApp) (needs to be reconnected|is failing|was disconnected)$');
      if t is not null then
        return jsonb_build_object(
          'provider', case t[1] when 'Calendly' then 'calendly' when 'Twilio' then 'twilio' else 'whatsapp_cloud' end,
          'status', case t[2] when 'needs to be reconnected' then 'needs_reauth' when 'is failing' then 'error' else 'disconnected' end,
          'detail', p_message);
      end if;
    else
      null;
  end case;
  return jsonb_build_object('legacy', jsonb_build_object('title', p_title, 'message', p_message));
end
$$;

update public.notifications n
   set params = private.notification_params_from_sentence(n.kind, n.title, n.message, n.metadata);
-- "A lead" was the sentence's stand-in for a lead without a name; the renderer says it now.
update public.notifications set params = params || '{"lead": null}'::jsonb where params ->> 'lead' = 'A lead';
drop function private.notification_params_from_sentence(text, text, text, jsonb);

alter table public.notifications drop column title, drop column message;

-- The one way notification rows are written: as before, with the item's `params` instead of
-- its text. The caller is the service role (webhooks, jobs) or a member of `org` acting in a
-- request; recipients who are not members of `org` are dropped. Channels follow each
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
    insert into public.notifications (org_id, user_id, kind, category, params, type, priority, action_url, metadata, in_app, dedupe_key)
    values (org, recipient, item ->> 'kind', category, coalesce(item -> 'params', '{}'::jsonb),
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

-- ---------------------------------------------------------------------------
-- Timeline: `reason` keeps only free text as a person typed it (a note, a heat override's
-- reason); every other entry's text is `reason_key` + `reason_params`, rendered at read time.
alter table public.lead_events
  add column reason_key text check (reason_key ~ '^[a-z][a-z0-9_]{0,39}$'),
  add column reason_params jsonb not null default '{}'::jsonb check (jsonb_typeof(reason_params) = 'object');
-- Members append events as themselves (column grants since 20261203120500): the new columns too.
grant insert (reason_key, reason_params) on public.lead_events to authenticated;
comment on column public.lead_events.reason is 'Free text as a person typed it (a note, a heat override''s reason); null when reason_key says it.';
comment on column public.lead_events.reason_key is
  'What the entry''s text is rendered from (lib/leads/reasons.ts) with reason_params; ''legacy'': an old sentence shown as it was.';

-- Temporary: the patterns of the sentences the timeline's writers used until now. Returns
-- { key, params }, or null for free text that stays in `reason` (a note, an override's reason).
create function private.lead_event_reason_from_sentence(p_type text, p_reason text)
  returns jsonb
  language plpgsql immutable
  set search_path = ''
as $$
declare
  r text[];
  lines text[];
  stamp constant text := '(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) UTC';
  fields_list constant text := '([a-zA-Z]+(?:, [a-zA-Z]+)*)';
begin
  if p_type in ('note', 'heat_override') and p_reason <> 'Manual heat override cleared' then
    return null;
  end if;
  if p_reason = 'Manual heat override cleared' then return jsonb_build_object('key', 'heat_override_cleared', 'params', '{}'::jsonb); end if;
  if p_reason = 'All four BANT dimensions confirmed' then return jsonb_build_object('key', 'bant_qualified', 'params', '{}'::jsonb); end if;
  if p_reason = 'Reassigned' then return jsonb_build_object('key', 'reassigned', 'params', '{}'::jsonb); end if;
  if p_reason = 'Unassigned' then return jsonb_build_object('key', 'unassigned', 'params', '{}'::jsonb); end if;
  if p_reason = 'Created from a Calendly booking' then return jsonb_build_object('key', 'created_from_booking', 'params', '{}'::jsonb); end if;
  if p_reason = 'Restored: created from a calendly booking' then return jsonb_build_object('key', 'restored_from_booking', 'params', '{}'::jsonb); end if;

  r := regexp_match(p_reason, '^Created from an inbound (WhatsApp|SMS) message$');
  if r is not null then return jsonb_build_object('key', 'created_from_message', 'params', jsonb_build_object('channel', lower(r[1]))); end if;
  r := regexp_match(p_reason, '^Restored: created from an inbound (whatsapp|sms) message$');
  if r is not null then return jsonb_build_object('key', 'restored_from_message', 'params', jsonb_build_object('channel', r[1])); end if;
  r := regexp_match(p_reason, '^(Created|Imported|Deleted|Restored) by (.+)$');
  if r is not null then
    return jsonb_build_object('key', lower(r[1]) || '_by', 'params', jsonb_build_object('name', r[2]));
  end if;
  r := regexp_match(p_reason, '^Status ([a-z_]+) → ([a-z_]+)$');
  if r is not null then return jsonb_build_object('key', 'status_changed', 'params', jsonb_build_object('from', r[1], 'to', r[2])); end if;
  r := regexp_match(p_reason, '^Bulk update: ' || fields_list || '$');
  if r is not null then return jsonb_build_object('key', 'bulk_update', 'params', jsonb_build_object('fields', to_jsonb(string_to_array(r[1], ', ')))); end if;
  r := regexp_match(p_reason, '^Merged from import by (.+): ' || fields_list || '$');
  if r is not null then
    return jsonb_build_object('key', 'merged_from_import', 'params', jsonb_build_object('name', r[1], 'fields', to_jsonb(string_to_array(r[2], ', '))));
  end if;
  r := regexp_match(p_reason, '^Updated ' || fields_list || '$');
  if r is not null then return jsonb_build_object('key', 'fields_updated', 'params', jsonb_build_object('fields', to_jsonb(string_to_array(r[1], ', ')))); end if;

  -- Meetings: the stamp was written in UTC, so it is an exact instant again.
  r := regexp_match(p_reason, '^Calendly meeting rescheduled: (.*) moved from ' || stamp || ' to ' || stamp || '$');
  if r is not null then
    return jsonb_build_object('key', 'meeting_moved', 'params', jsonb_build_object('title', r[1],
      'previousAt', r[2] || 'T' || r[3] || ':00.000Z', 'startsAt', r[4] || 'T' || r[5] || ':00.000Z'));
  end if;
  r := regexp_match(p_reason, '^(Calendly meeting booked: |Calendly meeting rescheduled: |Calendly: no-show for |Calendly: no-show cleared for |Meeting held: )(.*) on ' || stamp || '$');
  if r is not null then
    return jsonb_build_object('key', case r[1] when 'Calendly meeting booked: ' then 'meeting_booked' when 'Calendly meeting rescheduled: ' then 'meeting_rescheduled'
                                               when 'Calendly: no-show for ' then 'meeting_no_show' when 'Calendly: no-show cleared for ' then 'meeting_no_show_cleared'
                                               else 'meeting_held' end,
                              'params', jsonb_build_object('title', r[2], 'startsAt', r[3] || 'T' || r[4] || ':00.000Z'));
  end if;
  r := regexp_match(p_reason, '^Calendly meeting canceled: (.*?) on ' || stamp || '(?: \(“(.*)”\))?$');
  if r is not null then
    return jsonb_build_object('key', 'meeting_canceled', 'params', jsonb_build_object('title', r[1], 'startsAt', r[2] || 'T' || r[3] || ':00.000Z')
                                                                  || case when r[4] is not null then jsonb_build_object('reason', r[4]) else '{}' end);
  end if;

  -- Approvals.
  r := regexp_match(p_reason, '^(.+?) (edited and approved|approved) the AI''s reply$');
  if r is not null then
    return jsonb_build_object('key', case when r[2] = 'approved' then 'reply_approved' else 'reply_edited_approved' end, 'params', jsonb_build_object('name', r[1]));
  end if;
  r := regexp_match(p_reason, '^(.+?) rejected the AI''s reply: (.*)$');
  if r is not null then return jsonb_build_object('key', 'reply_rejected', 'params', jsonb_build_object('name', r[1], 'note', r[2])); end if;
  r := regexp_match(p_reason, '^(.+) replied without approval \(auto-send\)$');
  if r is not null then return jsonb_build_object('key', 'reply_auto_sent', 'params', jsonb_build_object('agent', r[1])); end if;

  -- The scoring engine's explanations (BANT changes, signals, heat changes): its own lines,
  -- kept as lines; a heat change's first line is the score's move.
  if p_type = 'heat_changed' then
    lines := string_to_array(p_reason, E'\n');
    r := regexp_match(lines[1], '^Heat (\d+) → (\d+)$');
    if r is not null then
      return jsonb_build_object('key', 'heat_changed', 'params', jsonb_build_object('scoreFrom', r[1]::int, 'scoreTo', r[2]::int,
                                                                                    'lines', to_jsonb(coalesce(lines[2:], '{}'::text[]))));
    end if;
  end if;
  if p_type in ('bant_changed', 'signal') then
    return jsonb_build_object('key', 'scoring', 'params', jsonb_build_object('lines', to_jsonb(string_to_array(p_reason, E'\n'))));
  end if;
  return jsonb_build_object('key', 'legacy', 'params', jsonb_build_object('text', p_reason));
end
$$;

update public.lead_events e
   set reason_key = m.mapped ->> 'key', reason_params = m.mapped -> 'params', reason = null
  from (select id, private.lead_event_reason_from_sentence(type, reason) as mapped from public.lead_events where reason is not null) m
 where e.id = m.id and m.mapped is not null;
drop function private.lead_event_reason_from_sentence(text, text);
