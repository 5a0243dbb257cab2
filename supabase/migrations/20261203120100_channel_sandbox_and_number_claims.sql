-- Channels: sandbox deliveries routed by organization, and numbers claimed only with proof.
--
-- Before: one installation-wide sandbox secret verified every sandbox webhook, routing picked
-- the organization from the number a message was sent to, and a number was globally unique,
-- so any organization could claim any unclaimed number (and a 409 told which numbers other
-- organizations use).
--
-- After:
-- * A sandbox delivery comes through its organization's webhook URL, signed with that
--   organization's secret, and may only reach that organization's channels
--   (inbound_events.sandbox + org_id).
-- * Numbers are unique within an organization only: the same sandbox number in two
--   organizations reveals nothing and routes nowhere else.
-- * With real provider credentials, a platform admin allocates each number to one
--   organization (number_allocations); only then, and only if the provider account holds
--   it, may that organization add it. Live deliveries are routed through the allocation.

-- ---------------------------------------------------------------------------
-- Sandbox deliveries keep to their organization.

alter table public.inbound_events add column sandbox boolean not null default false;
comment on column public.inbound_events.sandbox is
  'Came through an organization''s sandbox webhook URL or its simulate action: reaches only channels of org_id (none once org_id is gone).';

-- ---------------------------------------------------------------------------
-- Numbers are unique within an organization.

drop index public.channels_provider_address_key;
drop index public.channels_cloud_number_key;
create unique index channels_org_provider_address_key on public.channels (org_id, provider, address);
create unique index channels_org_cloud_number_key on public.channels (org_id, phone_number_id) where phone_number_id is not null;
-- The new unique index leads with org_id and serves the policies.
drop index public.channels_org_idx;

-- ---------------------------------------------------------------------------
-- Which organization a number of the installation's provider account belongs to.

create table public.number_allocations (
  provider text not null check (provider in ('twilio', 'whatsapp_cloud')),
  -- E.164 for Twilio; the Cloud API's phone number id for WhatsApp Cloud
  number text not null check (
    (provider = 'twilio' and number ~ '^\+[1-9][0-9]{6,14}$') or (provider = 'whatsapp_cloud' and number ~ '^[0-9]{5,32}$')
  ),
  org_id uuid not null references public.organizations (id) on delete cascade,
  allocated_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (provider, number)
);
comment on table public.number_allocations is
  'Numbers of the installation''s own provider accounts, each allocated by a platform admin to one organization. Written by the server only; admins read their own organization''s.';
alter table public.number_allocations enable row level security;
create index number_allocations_org_idx on public.number_allocations (org_id);

revoke all on public.number_allocations from anon, authenticated;
grant select on public.number_allocations to authenticated;
grant all on public.number_allocations to service_role;

create policy "Admins can read their organization's number allocations" on public.number_allocations
  for select to authenticated
  using (private.has_role(org_id, 'admin'));

-- Numbers were globally unique until now, so each existing channel's number goes to its
-- organization: installations already running live keep routing exactly as before, and a
-- platform admin can release any allocation that was claimed without proof.
insert into public.number_allocations (provider, number, org_id, allocated_by, created_at)
select provider, case when provider = 'whatsapp_cloud' then phone_number_id else address end, org_id, created_by, created_at
  from public.channels
 where provider = 'twilio' or phone_number_id ~ '^[0-9]{5,32}$'
on conflict do nothing;
