-- Searching synced mail with the inbox's own means: trigram indexes reached through a
-- security-definer search (RLS keeps LIKE from using an index), instead of a LIKE scan over
-- every subject and full body.

create index email_messages_org_subject_search_idx
  on public.email_messages using gin (org_id, lower(subject) extensions.gin_trgm_ops);

-- The email messages of an organization whose subject or text (the sender's own words) match;
-- only ids: the caller's query still reads them through RLS.
create or replace function private.search_email_message_ids(org uuid, pattern text) returns uuid[]
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  if (select auth.role()) = 'authenticated' and not private.is_member(org) then
    return '{}';
  end if;
  return (
    select coalesce(array_agg(distinct found.id), '{}')
      from (
        (select e.message_id as id from public.email_messages e
          where e.org_id = org and lower(e.subject) like pattern limit 2000)
        union all
        (select m.id from public.messages m join public.email_messages e on e.message_id = m.id
          where m.org_id = org and lower(m.body) like pattern limit 2000)
      ) found);
end
$$;
revoke all on function private.search_email_message_ids(uuid, text) from public;
grant execute on function private.search_email_message_ids(uuid, text) to authenticated, service_role;
