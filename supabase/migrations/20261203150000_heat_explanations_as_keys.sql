-- Heat explanations rendered at read time (issue 12, item 6). The scoring engine's lines are
-- stored as { key, params } (lib/scoring/lines.ts) and worded by renderHeatLine
-- (lib/scoring/render.ts, messages under `heatLines`) in the reader's language and time zone:
-- leads.heat_explanation, the lines of a `scoring` or `heat_changed` timeline entry, and a
-- heat change notification's `lines`. What was stored as an English sentence becomes a
-- `legacy` line carrying its text, shown as written (the daily heat review rewrites a lead's
-- explanation anyway). A heat change notification's old `reason` needs no change: it is
-- shown as written, like a reason a person gives.

create function private.legacy_heat_lines(lines text[]) returns jsonb
  language sql immutable
  set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('key', 'legacy', 'params', jsonb_build_object('text', x)) order by n), '[]'::jsonb)
    from unnest(lines) with ordinality as u(x, n)
$$;

-- A jsonb array whose string elements (old sentences) become legacy lines.
create function private.legacy_heat_lines(lines jsonb) returns jsonb
  language sql immutable
  set search_path = ''
as $$
  select coalesce(jsonb_agg(case when jsonb_typeof(x) = 'string'
                                 then jsonb_build_object('key', 'legacy', 'params', jsonb_build_object('text', x #>> '{}'))
                                 else x end order by n), '[]'::jsonb)
    from jsonb_array_elements(case when jsonb_typeof(lines) = 'array' then lines else '[]'::jsonb end) with ordinality as u(x, n)
$$;

alter table public.leads alter column heat_explanation drop default;
alter table public.leads alter column heat_explanation type jsonb using private.legacy_heat_lines(heat_explanation);
alter table public.leads alter column heat_explanation set default '[]'::jsonb;
alter table public.leads add constraint leads_heat_explanation_is_array check (jsonb_typeof(heat_explanation) = 'array');
comment on column public.leads.heat_explanation is
  'Why the last evaluation landed where it did: the engine''s lines as { key, params }, rendered at read time (lib/scoring/render.ts).';

update public.lead_events
   set reason_params = jsonb_set(reason_params, '{lines}', private.legacy_heat_lines(reason_params -> 'lines'))
 where reason_key in ('scoring', 'heat_changed')
   and jsonb_typeof(reason_params -> 'lines') = 'array';

drop function private.legacy_heat_lines(text[]);
drop function private.legacy_heat_lines(jsonb);

-- The same function with the explanation as jsonb lines; the checks are unchanged
-- (20261203120500_narrow_grants_and_guards.sql explains them).
drop function private.store_lead_scoring(uuid, jsonb, int, boolean, text, int, jsonb, text[], jsonb, timestamptz);
create function private.store_lead_scoring(
  lead uuid,
  new_bant jsonb,
  new_bant_score int,
  new_bant_qualified boolean,
  new_heat_level text,
  new_heat_score int,
  new_heat_override jsonb,
  new_heat_explanation jsonb,
  new_engagement jsonb,
  activity_at timestamptz
) returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  l record;
  old_override jsonb;
  new_override jsonb := case when jsonb_typeof(new_heat_override) = 'object' then new_heat_override end;
  override_changed boolean;
begin
  select x.org_id, x.owner_id, x.deleted_at, x.heat_override into l from public.leads x where x.id = lead for update;
  if not found then
    raise exception 'Lead not found.' using errcode = 'P0001', hint = 'not_found';
  end if;

  -- Webhooks, jobs and the demo seed run as the service role, which writes leads anyway.
  if (select auth.role()) is distinct from 'service_role' then
    if uid is null or l.deleted_at is not null or not (l.org_id = any (private.current_org_ids()))
       or not (l.org_id = any (private.orgs_seeing_all_leads()) or coalesce(l.owner_id, uid) = uid) then
      raise exception 'Lead not found.' using errcode = 'P0001', hint = 'not_found';
    end if;

    old_override := case when jsonb_typeof(l.heat_override) = 'object' then l.heat_override end;
    -- Compared by meaning (times as times), so re-serialising an unchanged override is no change.
    override_changed := (old_override is null) <> (new_override is null)
      or (new_override is not null and (
           new_override ->> 'level' is distinct from old_override ->> 'level'
        or new_override ->> 'reason' is distinct from old_override ->> 'reason'
        or new_override ->> 'by' is distinct from old_override ->> 'by'
        or (new_override ->> 'at')::timestamptz is distinct from (old_override ->> 'at')::timestamptz
        or (new_override ->> 'expiresAt')::timestamptz is distinct from (old_override ->> 'expiresAt')::timestamptz));
    if override_changed
       and not (new_override is null
                and coalesce((old_override ->> 'expiresAt')::timestamptz <= (new_engagement ->> 'lastEvaluatedAt')::timestamptz, false))
       and not private.has_role(l.org_id, 'manager') then
      raise exception 'Only managers, admins and owners can pin or clear a lead''s heat level.' using errcode = '42501';
    end if;
  end if;

  update public.leads set
      bant = new_bant, bant_score = new_bant_score, bant_qualified = new_bant_qualified,
      heat_level = new_heat_level, heat_score = new_heat_score, heat_override = new_override,
      heat_explanation = case when jsonb_typeof(new_heat_explanation) = 'array' then new_heat_explanation else '[]'::jsonb end,
      engagement = new_engagement,
      last_activity_at = greatest(last_activity_at, coalesce(activity_at, last_activity_at))
    where id = lead;
end
$$;
revoke all on function private.store_lead_scoring(uuid, jsonb, int, boolean, text, int, jsonb, jsonb, jsonb, timestamptz) from public;
grant execute on function private.store_lead_scoring(uuid, jsonb, int, boolean, text, int, jsonb, jsonb, jsonb, timestamptz)
  to authenticated, service_role;
