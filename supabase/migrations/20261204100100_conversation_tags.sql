-- Conversation tags (issue 16): labels an organization defines ("pricing", "VIP"), each with a
-- colour from a fixed palette whose chips keep readable contrast in light and dark themes
-- (components/inbox/tag-chip.tsx maps the key to colour tokens), applied to conversations
-- from the thread header or in bulk from the inbox list. lib/inbox/tags.ts writes both tables.

create table public.conversation_tags (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 1 and 40),
  -- A palette key, never a raw colour: the UI decides the shades (lib/inbox/tag-palette.ts).
  color text not null default 'slate'
    check (color in ('slate', 'red', 'orange', 'amber', 'green', 'teal', 'blue', 'indigo', 'purple', 'pink')),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, org_id)
);
comment on table public.conversation_tags is 'Coloured labels an organization defines for its conversations; managed by managers and above.';
alter table public.conversation_tags enable row level security;
-- One name per organization, whatever its case ("VIP" and "vip" are the same tag).
create unique index conversation_tags_org_name_key on public.conversation_tags (org_id, lower(btrim(name)));
create trigger conversation_tags_updated_at before update on public.conversation_tags
  for each row execute function private.set_updated_at();

revoke all on public.conversation_tags from anon, authenticated;
grant select, delete on public.conversation_tags to authenticated;
grant insert (id, org_id, name, color, created_by) on public.conversation_tags to authenticated;
grant update (name, color) on public.conversation_tags to authenticated;
grant all on public.conversation_tags to service_role;

create policy "Members can read their organization's conversation tags" on public.conversation_tags
  for select to authenticated
  using (org_id = any ((select private.current_org_ids())::uuid[]));
create policy "Managers can create conversation tags" on public.conversation_tags
  for insert to authenticated
  with check (private.has_role(org_id, 'manager') and created_by = (select auth.uid()));
create policy "Managers can change conversation tags" on public.conversation_tags
  for update to authenticated
  using (private.has_role(org_id, 'manager'))
  with check (private.has_role(org_id, 'manager'));
create policy "Managers can delete conversation tags" on public.conversation_tags
  for delete to authenticated
  using (private.has_role(org_id, 'manager'));

-- ---------------------------------------------------------------------------
-- Which conversation carries which tag. Anyone who sees a conversation may tag it; the tag
-- must be of the conversation's organization (the composite key and the insert policy).
create table public.conversation_tag_links (
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  tag_id uuid not null,
  org_id uuid not null references public.organizations (id) on delete cascade,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (conversation_id, tag_id),
  foreign key (tag_id, org_id) references public.conversation_tags (id, org_id) on delete cascade
);
comment on table public.conversation_tag_links is 'Tags applied to conversations; visible and writable with the conversation.';
alter table public.conversation_tag_links enable row level security;
-- The inbox's tag filter: conversations carrying a tag.
create index conversation_tag_links_tag_idx on public.conversation_tag_links (tag_id, conversation_id);
create index conversation_tag_links_org_idx on public.conversation_tag_links (org_id);

revoke all on public.conversation_tag_links from anon, authenticated;
grant select, delete on public.conversation_tag_links to authenticated;
grant insert (conversation_id, tag_id, org_id, created_by) on public.conversation_tag_links to authenticated;
grant all on public.conversation_tag_links to service_role;

-- The subqueries on conversations run under the caller's RLS: a rep limited to their own
-- threads reads and writes only those threads' tags.
create policy "Members can read the tags of conversations they can see" on public.conversation_tag_links
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and exists (select 1 from public.conversations c where c.id = conversation_tag_links.conversation_id)
  );
create policy "Members can tag conversations they can see" on public.conversation_tag_links
  for insert to authenticated
  with check (
    org_id = any ((select private.current_org_ids())::uuid[])
    and created_by = (select auth.uid())
    and exists (select 1 from public.conversations c
                 where c.id = conversation_tag_links.conversation_id and c.org_id = conversation_tag_links.org_id)
  );
create policy "Members can untag conversations they can see" on public.conversation_tag_links
  for delete to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and exists (select 1 from public.conversations c where c.id = conversation_tag_links.conversation_id)
  );
