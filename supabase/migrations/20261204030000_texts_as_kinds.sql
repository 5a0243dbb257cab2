-- The last English sentences the code stored for the UI become kinds and parameters, worded at
-- read time in the reader's language:
--   * a failed draft's detail on a manual-review task (hil_tasks.payload.detail; lib/ai/failures.ts),
--   * why a notification's email, push or SMS was not delivered (notification_deliveries and
--     notification_digests; lib/notifications/delivery-errors.ts),
--   * what went wrong with an integration (integration_connections, and the `problem` of an
--     integration_failing notification; lib/integrations/problems.ts).
-- What a provider said (an SMTP reply, an OAuth error) goes to the server log only.
--
-- Existing rows: each sentence the code used to write is matched by its pattern and becomes its
-- kind; any other text becomes the kind "unknown", which says there are no further details
-- rather than showing an English sentence to a reader of another language.

-- ---------------------------------------------------------------------------
-- Manual-review tasks: payload.detail was a sentence, now { kind, params }.
create function private.draft_failure_from_sentence(p_detail text)
  returns jsonb
  language plpgsql immutable
  set search_path = ''
as $$
declare
  m text[];
begin
  m := regexp_match(p_detail, '^The AI provider did not answer within (\d+) s(?:econds)?\.$');
  if m is not null then
    return jsonb_build_object('kind', 'timeout', 'params', jsonb_build_object('seconds', m[1]::int));
  end if;
  m := regexp_match(p_detail, '^The AI provider returned HTTP (\d+)\.$');
  if m is not null then
    return jsonb_build_object('kind', 'http_error', 'params', jsonb_build_object('status', m[1]::int));
  end if;
  m := regexp_match(p_detail, '^The model''s answer was invalid twice: (.*)$');
  if m is not null then
    return jsonb_build_object('kind', 'invalid_twice', 'params',
                              jsonb_build_object('problems', coalesce(array_length(string_to_array(m[1], '; '), 1), 0)));
  end if;
  return jsonb_build_object('params', '{}'::jsonb, 'kind', case
    when p_detail = 'The draft was cancelled.' then 'cancelled'
    when p_detail like 'The AI provider is rate limiting requests%' then 'rate_limited'
    when p_detail like 'The AI provider rejected the API key%' then 'auth_rejected'
    when p_detail like 'The AI provider denied access%' then 'access_denied'
    when p_detail like 'The AI provider does not know this model or endpoint%' then 'model_not_found'
    when p_detail = 'Could not connect to the AI provider.' then 'unreachable'
    when p_detail in ('The AI provider call failed.', 'The AI provider failed unexpectedly.',
                      'The AI provider returned HTTP error.') then 'provider_failed'
    when p_detail like 'The offline assistant failed%' then 'assistant_failed'
    else 'unknown' end);
end
$$;

update public.hil_tasks
   set payload = jsonb_set(payload, '{detail}', private.draft_failure_from_sentence(payload ->> 'detail'))
 where kind = 'manual_review' and jsonb_typeof(payload -> 'detail') = 'string';
drop function private.draft_failure_from_sentence(text);

-- ---------------------------------------------------------------------------
-- Deliveries and digests: `last_error` (a sentence, or what an SMTP server answered) becomes
-- `last_error_kind` and `last_error_params`.
create function private.delivery_error_from_sentence(p_channel text, p_error text)
  returns jsonb
  language plpgsql immutable
  set search_path = ''
as $$
declare
  m text[];
begin
  if p_error is null then
    return null;
  end if;
  if p_channel = 'email' then
    m := regexp_match(p_error, '^([45])(\d\d)\M');
    if m is not null then
      return jsonb_build_object('kind', case m[1] when '5' then 'email_rejected' else 'email_deferred' end,
                                'params', jsonb_build_object('code', (m[1] || m[2])::int));
    end if;
  end if;
  return jsonb_build_object('params', '{}'::jsonb, 'kind', case p_error
    when 'The SMTP server could not be reached.' then 'email_unreachable'
    when 'Web push is not configured on this server (VAPID keys).' then 'push_not_configured'
    when 'No browser is subscribed to push notifications.' then 'push_no_subscription'
    when 'The push service did not accept the notification.' then 'push_refused'
    when 'The push service could not be reached.' then 'push_unreachable'
    when 'The browser''s push subscription has expired.' then 'push_expired'
    when 'No phone number for SMS in notification settings.' then 'sms_no_phone'
    when 'The organization has no SMS number to send from.' then 'sms_no_sender'
    when 'Delivery failed.' then 'delivery_failed'
    when 'Demo data: not sent.' then 'demo_not_sent'
    else 'unknown' end);
end
$$;

alter table public.notification_deliveries
  add column last_error_kind text check (char_length(last_error_kind) <= 60),
  add column last_error_params jsonb not null default '{}'::jsonb check (jsonb_typeof(last_error_params) = 'object');
comment on column public.notification_deliveries.last_error_kind is
  'Why the last attempt did not deliver (lib/notifications/delivery-errors.ts), worded in the reader''s language; null when none.';
update public.notification_deliveries d
   set last_error_kind = e ->> 'kind', last_error_params = e -> 'params'
  from (select id, private.delivery_error_from_sentence(channel, last_error) as e
          from public.notification_deliveries where last_error is not null) mapped
 where d.id = mapped.id;
alter table public.notification_deliveries drop column last_error;

alter table public.notification_digests
  add column last_error_kind text check (char_length(last_error_kind) <= 60),
  add column last_error_params jsonb not null default '{}'::jsonb check (jsonb_typeof(last_error_params) = 'object');
comment on column public.notification_digests.last_error_kind is
  'Why the last attempt did not deliver (lib/notifications/delivery-errors.ts); null when none.';
update public.notification_digests g
   set last_error_kind = e ->> 'kind', last_error_params = e -> 'params'
  from (select id, private.delivery_error_from_sentence(channel, last_error) as e
          from public.notification_digests where last_error is not null) mapped
 where g.id = mapped.id;
alter table public.notification_digests drop column last_error;
drop function private.delivery_error_from_sentence(text, text);

-- ---------------------------------------------------------------------------
-- Integrations: `last_error` (one sentence, or a disconnect's warnings joined) becomes
-- `last_errors`, a list of { kind, params }; an integration_failing notification's `detail`
-- parameter becomes `problem`.
create function private.integration_problems_from_sentence(p_text text, p_status text)
  returns jsonb
  language plpgsql immutable
  set search_path = ''
as $$
declare
  found jsonb := '[]'::jsonb;
begin
  if p_text is null or p_text = '' then
    return found;
  end if;
  if p_text = 'Calendly refused our access token (401).' then
    return jsonb_build_array(jsonb_build_object('kind', 'token_rejected', 'params', '{}'::jsonb));
  end if;
  if p_text like 'Token refresh failed:%' then
    return jsonb_build_array(jsonb_build_object('kind',
      case when p_status = 'needs_reauth' then 'grant_revoked' else 'token_refresh_failed' end, 'params', '{}'::jsonb));
  end if;
  if p_text = 'Calendly was disconnected.' then
    return jsonb_build_array(jsonb_build_object('kind', 'disconnected', 'params', '{}'::jsonb));
  end if;
  -- A disconnect's warnings, joined by a space.
  if position('The webhook subscription could not be deleted at Calendly' in p_text) > 0 then
    found := found || jsonb_build_object('kind', 'webhook_delete_failed', 'params', '{}'::jsonb);
  end if;
  if position('The refresh token could not be revoked at Calendly' in p_text) > 0 then
    found := found || jsonb_build_object('kind', 'token_revoke_failed', 'params', jsonb_build_object('token', 'refresh_token'));
  end if;
  if position('The access token could not be revoked at Calendly' in p_text) > 0 then
    found := found || jsonb_build_object('kind', 'token_revoke_failed', 'params', jsonb_build_object('token', 'access_token'));
  end if;
  if position('CALENDLY_CLIENT_ID and CALENDLY_CLIENT_SECRET are not set' in p_text) > 0 then
    found := found || jsonb_build_object('kind', 'revoke_not_configured', 'params', '{}'::jsonb);
  end if;
  if jsonb_array_length(found) = 0 then
    found := jsonb_build_array(jsonb_build_object('kind', 'unknown', 'params', '{}'::jsonb));
  end if;
  return found;
end
$$;

alter table public.integration_connections
  add column last_errors jsonb not null default '[]'::jsonb check (jsonb_typeof(last_errors) = 'array');
comment on column public.integration_connections.last_errors is
  'What went wrong last, as [{ kind, params }] (lib/integrations/problems.ts), worded in the reader''s language; never holds a token.';
update public.integration_connections
   set last_errors = private.integration_problems_from_sentence(last_error, status)
 where last_error is not null;
alter table public.integration_connections drop column last_error;
-- Admins read it as they read the column it replaces (column grants: the sealed tokens stay ungranted).
grant select (last_errors) on public.integration_connections to authenticated;

update public.notifications
   set params = (params - 'detail')
                || jsonb_build_object('problem', private.integration_problems_from_sentence(params ->> 'detail', params ->> 'status') -> 0)
 where kind = 'integration_failing' and jsonb_typeof(params -> 'detail') = 'string';
drop function private.integration_problems_from_sentence(text, text);
