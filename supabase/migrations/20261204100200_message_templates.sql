-- WhatsApp templates and proactive outreach: the approved message templates of each channel
-- (synced from the WhatsApp Cloud API or Twilio's Content API, or created in Kiln and submitted
-- to the Cloud API; sandbox channels get a labelled sample set), outbound messages that carry
-- a template, and bulk template sends with their per-lead report. Written by lib/outreach.

-- ---------------------------------------------------------------------------
-- Templates, per channel.
create table public.message_templates (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  channel_id uuid not null references public.channels (id) on delete cascade,
  provider text not null check (provider in ('twilio', 'whatsapp_cloud', 'sandbox')),
  provider_template_id text check (char_length(provider_template_id) between 1 and 128), -- Meta's template id, Twilio's HX content sid
  name text not null check (char_length(name) between 1 and 512),
  language text not null check (language ~ '^[a-z]{2,3}(_[A-Za-z]{2,4})?$'), -- en, en_US, pt_BR
  category text not null check (category in ('marketing', 'utility', 'authentication')),
  body text not null check (char_length(body) between 1 and 1024), -- with numbered variables {{1}}, {{2}} …
  -- What fills each numbered variable, in order: [{ "source": "name" | "company" | "owner" | "meetingLink" | null, "example": "Ana" }]
  variables jsonb not null default '[]'::jsonb check (jsonb_typeof(variables) = 'array' and jsonb_array_length(variables) <= 20),
  buttons jsonb not null default '[]'::jsonb check (jsonb_typeof(buttons) = 'array' and jsonb_array_length(buttons) <= 10), -- [{ type, text, url? }]
  status text not null default 'pending' check (status in ('approved', 'pending', 'rejected', 'paused', 'disabled')),
  rejected_reason text check (char_length(rejected_reason) <= 200), -- the provider's reason code, e.g. INVALID_FORMAT
  sample boolean not null default false, -- a sandbox sample: never sent to a provider
  created_by uuid references auth.users (id) on delete set null, -- who created it in Kiln; null: synced
  synced_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (channel_id, name, language)
);
comment on table public.message_templates is
  'Message templates of a channel with their provider approval status; written by lib/outreach (sync, creation, status webhook).';
alter table public.message_templates enable row level security;
create index message_templates_org_idx on public.message_templates (org_id, channel_id);
-- The status webhook names the provider's template id.
create index message_templates_provider_id_idx on public.message_templates (provider, provider_template_id)
  where provider_template_id is not null;
create trigger message_templates_updated_at before update on public.message_templates
  for each row execute function private.set_updated_at();

revoke all on public.message_templates from anon, authenticated;
grant select on public.message_templates to authenticated;
grant insert (org_id, channel_id, provider, provider_template_id, name, language, category, body, variables, buttons, status,
  created_by) on public.message_templates to authenticated;
grant update (variables, status, provider_template_id, rejected_reason) on public.message_templates to authenticated;
grant delete on public.message_templates to authenticated;
grant all on public.message_templates to service_role;

create policy "Members can read their organization's templates" on public.message_templates
  for select to authenticated
  using (org_id = any ((select private.current_org_ids())::uuid[]));
create policy "Admins can add templates to their organization's channels" on public.message_templates
  for insert to authenticated
  with check (
    private.has_role(org_id, 'admin') and created_by = (select auth.uid())
    and exists (select 1 from public.channels ch where ch.id = message_templates.channel_id and ch.org_id = message_templates.org_id)
  );
create policy "Admins can change their organization's templates" on public.message_templates
  for update to authenticated
  using (private.has_role(org_id, 'admin'))
  with check (private.has_role(org_id, 'admin'));
create policy "Admins can remove their organization's templates" on public.message_templates
  for delete to authenticated
  using (private.has_role(org_id, 'admin'));

-- ---------------------------------------------------------------------------
-- An outbound message may carry a template: the provider sends the template (allowed outside
-- WhatsApp's 24-hour window), `body` holds the text as the lead reads it.
-- { "templateId", "name", "language", "providerTemplateId", "parameters": ["Ana", …] }
alter table public.messages add column template jsonb check (template is null or jsonb_typeof(template) = 'object');
comment on column public.messages.template is 'The template an outbound message was sent as, with its filled parameters (lib/outreach).';
grant insert (template) on public.messages to authenticated;

-- ---------------------------------------------------------------------------
-- Bulk template sends ("re-engage every warm lead silent for 14 days") and their report.
create table public.outreach_runs (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  template_id uuid references public.message_templates (id) on delete set null,
  template_name text not null check (char_length(template_name) between 1 and 512), -- kept for the report if the template goes
  channel_id uuid references public.channels (id) on delete set null,
  rate_per_minute integer not null check (rate_per_minute between 1 and 600),
  status text not null default 'running' check (status in ('running', 'done', 'cancelled')),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  check ((status = 'running') = (finished_at is null))
);
comment on table public.outreach_runs is 'Bulk template sends; the job (lib/outreach/workers.ts) works through outreach_recipients at the run''s rate.';
alter table public.outreach_runs enable row level security;
create index outreach_runs_org_idx on public.outreach_runs (org_id, created_at desc);
create index outreach_runs_creator_idx on public.outreach_runs (created_by);

revoke all on public.outreach_runs from anon, authenticated;
grant select on public.outreach_runs to authenticated;
grant insert (org_id, template_id, template_name, channel_id, rate_per_minute, created_by) on public.outreach_runs to authenticated;
grant all on public.outreach_runs to service_role;

-- Who started a run reads its report; managers read everyone's.
create policy "Members can read the bulk sends they started, managers all" on public.outreach_runs
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and (created_by = (select auth.uid()) or private.has_role(org_id, 'manager'))
  );
create policy "Members can start bulk sends as themselves" on public.outreach_runs
  for insert to authenticated
  with check (
    org_id = any ((select private.current_org_ids())::uuid[]) and created_by = (select auth.uid())
    and exists (select 1 from public.message_templates t where t.id = outreach_runs.template_id and t.org_id = outreach_runs.org_id)
  );

create table public.outreach_recipients (
  run_id uuid not null references public.outreach_runs (id) on delete cascade,
  org_id uuid not null references public.organizations (id) on delete cascade,
  lead_id uuid not null references public.leads (id) on delete cascade,
  status text not null default 'pending' check (status in ('pending', 'sent', 'skipped', 'failed')),
  -- Why skipped or failed, as a kind (worded at read time): opted_out, no_opt_in, no_phone, …
  reason text check (reason ~ '^[a-z_]{1,40}$'),
  message_id uuid references public.messages (id) on delete set null,
  processed_at timestamptz,
  primary key (run_id, lead_id),
  check ((status = 'pending') = (processed_at is null)),
  check (status in ('pending', 'sent') or reason is not null)
);
comment on table public.outreach_recipients is 'One row per lead of a bulk send: pending until the job sends or skips it, with the reason as a kind.';
alter table public.outreach_recipients enable row level security;
create index outreach_recipients_pending_idx on public.outreach_recipients (run_id) where status = 'pending';
create index outreach_recipients_org_idx on public.outreach_recipients (org_id);
create index outreach_recipients_lead_idx on public.outreach_recipients (lead_id);

revoke all on public.outreach_recipients from anon, authenticated;
grant select on public.outreach_recipients to authenticated;
grant insert (run_id, org_id, lead_id) on public.outreach_recipients to authenticated;
grant all on public.outreach_recipients to service_role;

create policy "Members can read the recipients of bulk sends they can read" on public.outreach_recipients
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and exists (select 1 from public.outreach_runs r where r.id = outreach_recipients.run_id)
  );
-- The starter lists leads they can see; the job (service) does the rest.
create policy "Members can add leads they can see to their own bulk sends" on public.outreach_recipients
  for insert to authenticated
  with check (
    exists (select 1 from public.outreach_runs r
             where r.id = outreach_recipients.run_id and r.org_id = outreach_recipients.org_id
               and r.created_by = (select auth.uid()) and r.status = 'running')
    and exists (select 1 from public.leads l where l.id = outreach_recipients.lead_id and l.org_id = outreach_recipients.org_id)
  );

-- Stopping a bulk send: who started it, or a manager, while it runs. What is still waiting is
-- skipped as cancelled; the job's next step finds the run no longer running and ends. The run is
-- locked first, so a step in progress finishes its batch before the cancel applies.
create or replace function private.cancel_outreach_run(run uuid) returns boolean
  language plpgsql security definer
  set search_path = ''
as $$
declare
  r record;
begin
  select x.id, x.org_id, x.created_by, x.status into r from public.outreach_runs x where x.id = run for update;
  if not found or ((select auth.role()) = 'authenticated'
                   and not (private.is_member(r.org_id)
                            and (r.created_by = (select auth.uid()) or private.has_role(r.org_id, 'manager')))) then
    raise exception 'Bulk send not found.' using errcode = 'P0001', hint = 'not_found';
  end if;
  if r.status <> 'running' then
    return false;
  end if;
  update public.outreach_recipients set status = 'skipped', reason = 'cancelled', processed_at = now()
   where run_id = r.id and status = 'pending';
  update public.outreach_runs set status = 'cancelled', finished_at = now() where id = r.id;
  return true;
end
$$;
revoke all on function private.cancel_outreach_run(uuid) from public;
grant execute on function private.cancel_outreach_run(uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------
-- Sandbox channels (no provider credentials) get a small labelled sample set the first time
-- anyone who can see the channel looks at its templates, so offline mode can send templates.
-- The app calls it only for channels in sandbox mode (lib/outreach/templates.ts).
create or replace function private.ensure_sample_templates(channel uuid) returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  ch record;
begin
  select c.id, c.org_id into ch from public.channels c where c.id = channel;
  if not found or ((select auth.role()) = 'authenticated' and not private.is_member(ch.org_id)) then
    return;
  end if;
  if exists (select 1 from public.message_templates t where t.channel_id = ch.id) then
    return;
  end if;
  insert into public.message_templates (org_id, channel_id, provider, name, language, category, body, variables, buttons, status, sample)
  values
    (ch.org_id, ch.id, 'sandbox', 'kiln_sample_check_in', 'en', 'utility',
     'Hi {{1}}, this is {{2}}. Just checking in on our conversation about {{3}} — is now a good time to pick it up again?',
     '[{"source":"firstName","example":"Ana"},{"source":"owner","example":"Sam"},{"source":"company","example":"Acme"}]',
     '[{"type":"quick_reply","text":"Yes, let''s talk"},{"type":"quick_reply","text":"Not now"}]', 'approved', true),
    (ch.org_id, ch.id, 'sandbox', 'kiln_sample_meeting_invite', 'en', 'marketing',
     'Hi {{1}}, would you like to see what is new? Pick a time that suits you: {{2}}',
     '[{"source":"firstName","example":"Ana"},{"source":"meetingLink","example":"https://cal.example/sam"}]',
     '[]', 'approved', true),
    (ch.org_id, ch.id, 'sandbox', 'kiln_sample_nachfassen', 'de', 'utility',
     'Hallo {{1}}, hier ist {{2}}. Passt es Ihnen, unser Gespräch wieder aufzunehmen?',
     '[{"source":"name","example":"Anna Muster"},{"source":"owner","example":"Sam"}]',
     '[]', 'approved', true)
  on conflict (channel_id, name, language) do nothing;
end
$$;
revoke all on function private.ensure_sample_templates(uuid) from public;
grant execute on function private.ensure_sample_templates(uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------
-- An agent's re-engagement template, once approved, goes out as that template: the message
-- private.queue_approved_draft just wrote (an agent's, queued, in this transaction) takes it.
create or replace function private.attach_draft_template(message uuid, template jsonb) returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  m record;
begin
  select x.org_id, x.author_type, x.status, x.created_at, x.template into m from public.messages x where x.id = message;
  if not found or m.author_type <> 'agent' or m.status <> 'queued' or m.created_at <> now() or m.template is not null
     or ((select auth.role()) = 'authenticated' and not private.is_member(m.org_id))
     or jsonb_typeof(template) <> 'object'
     or not exists (select 1 from public.message_templates t
                     where t.id = (template ->> 'templateId')::uuid and t.org_id = m.org_id and t.status = 'approved') then
    raise exception 'Message not found.' using errcode = 'P0001', hint = 'not_found';
  end if;
  update public.messages set template = attach_draft_template.template where id = message;
end
$$;
revoke all on function private.attach_draft_template(uuid, jsonb) from public;
grant execute on function private.attach_draft_template(uuid, jsonb) to authenticated, service_role;
