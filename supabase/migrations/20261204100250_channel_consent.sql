-- Consent per lead and channel kind: whether a lead may be messaged on SMS or WhatsApp, how
-- that became so and when. An opt-out (STOP, "abmelden", "הסר", or the provider's own opt-out
-- event) refuses every outbound message on that channel kind but one confirmation; a bulk
-- send skips the lead; a marketing template needs an opt-in. Written by lib/outreach/consent.ts.
create table public.lead_channel_consent (
  org_id uuid not null references public.organizations (id) on delete cascade,
  lead_id uuid not null references public.leads (id) on delete cascade,
  channel_kind text not null check (channel_kind in ('sms', 'whatsapp')),
  status text not null check (status in ('opted_in', 'opted_out')),
  -- manual: a member recorded it; form: a web form; inbound_message: the lead wrote to us;
  -- keyword: the lead wrote STOP or the like; provider: the provider reported the opt-out.
  source text not null check (source in ('manual', 'form', 'inbound_message', 'keyword', 'provider')),
  at timestamptz not null default now(),
  recorded_by uuid references auth.users (id) on delete set null, -- the member, for source manual
  -- The one message allowed after an opt-out; older than `at`: it confirmed an earlier opt-out. Server only.
  confirmation_sent_at timestamptz,
  primary key (lead_id, channel_kind)
);
comment on table public.lead_channel_consent is
  'Opt-in/opt-out per lead and channel kind with its source and time; written by lib/outreach/consent.ts.';
alter table public.lead_channel_consent enable row level security;
create index lead_channel_consent_org_idx on public.lead_channel_consent (org_id, lead_id);

revoke all on public.lead_channel_consent from anon, authenticated;
grant select on public.lead_channel_consent to authenticated;
grant insert (org_id, lead_id, channel_kind, status, source, at, recorded_by) on public.lead_channel_consent to authenticated;
grant update (status, source, at, recorded_by) on public.lead_channel_consent to authenticated;
grant all on public.lead_channel_consent to service_role;

-- Consent follows the lead's visibility (the leads policy applies inside the exists).
create policy "Members can read consent of leads they can see" on public.lead_channel_consent
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and exists (select 1 from public.leads l where l.id = lead_channel_consent.lead_id)
  );
-- A member records what a lead told them, as themselves.
create policy "Members can record consent by hand for leads they can see" on public.lead_channel_consent
  for insert to authenticated
  with check (
    org_id = any ((select private.current_org_ids())::uuid[])
    and source in ('manual', 'form') and recorded_by = (select auth.uid())
    and exists (select 1 from public.leads l where l.id = lead_channel_consent.lead_id and l.org_id = lead_channel_consent.org_id)
  );
create policy "Members can change consent by hand for leads they can see" on public.lead_channel_consent
  for update to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and exists (select 1 from public.leads l where l.id = lead_channel_consent.lead_id)
  )
  with check (source in ('manual', 'form') and recorded_by = (select auth.uid()));
