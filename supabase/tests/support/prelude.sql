-- Helpers shared by the role matrices. The runner (tests/integration/sql-tests.test.ts)
-- executes this file inside each test file's transaction, just before the file, so the
-- `kiln_test` schema and its functions exist only for that file and vanish with the
-- rollback, on PGlite and PostgreSQL alike. It lives in a subfolder so the runner does not
-- mistake it for a test.
--
-- The functions are security invoker: what they do runs with the privileges of whoever is
-- current, which is why the fixtures they write are written as the superuser and why
-- switching identity through them is exactly what withRls() / PostgREST do.

create schema kiln_test;

-- Signs in as a user the way withRls() does: their claims, then the authenticated role.
-- Call it as the superuser (after `reset role`).
create function kiln_test.as_user(user_id uuid) returns void
  language plpgsql
as $$
begin
  perform set_config('request.jwt.claims', json_build_object('sub', user_id, 'role', 'authenticated')::text, true);
  set local role authenticated;
end
$$;

-- An anonymous visitor: the anon claims and role.
create function kiln_test.as_anon() returns void
  language plpgsql
as $$
begin
  perform set_config('request.jwt.claims', '{"role":"anon"}', true);
  set local role anon;
end
$$;

-- The world every matrix starts from: the users named (a slot left out has no user), with the
-- e-mail `<slot>@<label as a slug>.test` and names "Owner A", "Admin A", …; organization A
-- ("<label> A") and B ("<label> B") created by their owners the way the app creates them,
-- through private.create_organization(); A's admin, manager and rep as members. The
-- organizations' ids land in the settings kiln_test.org_a and kiln_test.org_b, which DO
-- blocks read with current_setting(). Returns as the superuser with no claims.
create function kiln_test.make_world(
  label text, a_owner uuid, b_owner uuid, a_admin uuid default null, a_manager uuid default null, a_rep uuid default null)
  returns void
  language plpgsql
as $$
declare
  slug text := lower(replace(label, ' ', '-'));
begin
  perform set_config('request.jwt.claims', '', true);

  insert into auth.users (id, email, encrypted_password, raw_user_meta_data)
  select id, slot || '@' || slug || '.test', 'x', jsonb_build_object('full_name', full_name)
    from (values (1, a_owner, 'owner-a', 'Owner A'), (2, a_admin, 'admin-a', 'Admin A'), (3, a_manager, 'manager-a', 'Manager A'),
                 (4, a_rep, 'rep-a', 'Rep A'), (5, b_owner, 'owner-b', 'Owner B')) as users (n, id, slot, full_name)
   where id is not null
   order by n;

  perform kiln_test.as_user(a_owner);
  perform set_config('kiln_test.org_a', private.create_organization(label || ' A')::text, true);
  reset role;
  perform kiln_test.as_user(b_owner);
  perform set_config('kiln_test.org_b', private.create_organization(label || ' B')::text, true);
  reset role;
  perform set_config('request.jwt.claims', '', true);

  insert into public.memberships (org_id, user_id, role)
  select current_setting('kiln_test.org_a')::uuid, id, role
    from (values (1, a_admin, 'admin'), (2, a_manager, 'manager'), (3, a_rep, 'rep')) as members (n, id, role)
   where id is not null
   order by n;
end
$$;

-- Runs one statement as whoever is current and asserts it fails with the given condition
-- (insufficient_privilege, raise_exception, unique_violation or foreign_key_violation);
-- `message` names what would have gone wrong had it succeeded. Any other error propagates
-- unchanged, as it would from a DO block that catches only the expected condition. The failed
-- statement is undone.
create function kiln_test.assert_fails(condition text, message text, statement text) returns void
  language plpgsql
as $$
declare
  expected text := case condition
    when 'insufficient_privilege' then '42501'
    when 'raise_exception' then 'P0001'
    when 'unique_violation' then '23505'
    when 'foreign_key_violation' then '23503'
  end;
begin
  if expected is null then
    raise exception 'kiln_test.assert_fails: unknown condition %', condition;
  end if;
  begin
    execute statement;
  exception when others then
    if sqlstate = expected then
      return;
    end if;
    raise;
  end;
  assert false, message;
end
$$;

-- The server after verification (a webhook, a job): the service_role claims and role, past RLS.
create function kiln_test.as_service() returns void
  language plpgsql
as $$
begin
  perform set_config('request.jwt.claims', '{"role":"service_role"}', true);
  set local role service_role;
end
$$;

-- Back to the superuser with no claims, as the runner started the file.
create function kiln_test.as_superuser() returns void
  language plpgsql
as $$
begin
  reset role;
  perform set_config('request.jwt.claims', '', true);
end
$$;

-- One more user beside make_world's five and, given `org_id` and `role`, their membership there.
-- Call it as the superuser.
create function kiln_test.add_user(
  id uuid, email text, full_name text, org_id uuid default null, role text default null)
  returns void
  language plpgsql
as $$
begin
  insert into auth.users (id, email, encrypted_password, raw_user_meta_data)
  values (add_user.id, add_user.email, 'x', jsonb_build_object('full_name', add_user.full_name));
  if add_user.org_id is not null then
    insert into public.memberships (org_id, user_id, role) values (add_user.org_id, add_user.id, add_user.role);
  end if;
end
$$;

-- Every member of the world's two organizations has connected Google, as the OAuth callback
-- stores it: Google user id `<id_prefix><n>` and address person<n>@matrix-mail.test, n in
-- make_world's order (A's owner, admin, manager, rep, then B's owner). Call it as the service role.
create function kiln_test.connect_google(
  id_prefix text, scopes text[] default '{}', gmail boolean default false, calendar boolean default false)
  returns void
  language plpgsql
as $$
begin
  insert into public.google_connections (org_id, user_id, status, google_user_id, google_email, access_token_sealed,
      refresh_token_sealed, expires_at, scopes, gmail_enabled, calendar_enabled)
  select m.org_id, m.user_id, 'connected', id_prefix || m.n, 'person' || m.n || '@matrix-mail.test', 'v1.a.b.c',
         'v1.d.e.f', now() + interval '1 hour', connect_google.scopes, gmail, calendar
    from (select org_id, user_id,
                 row_number() over (order by org_id = current_setting('kiln_test.org_b')::uuid,
                                    array_position(array['owner', 'admin', 'manager', 'rep'], role)) as n
            from public.memberships
           where org_id in (current_setting('kiln_test.org_a')::uuid, current_setting('kiln_test.org_b')::uuid)) m;
end
$$;

-- Runs `statement` as each user in turn (as_user), in order, and returns as the superuser:
-- the rows every member writes for themselves before a matrix reads them back.
create function kiln_test.as_each(users uuid[], statement text) returns void
  language plpgsql
as $$
declare
  who uuid;
begin
  foreach who in array users loop
    perform kiln_test.as_user(who);
    execute statement;
    reset role;
  end loop;
  perform set_config('request.jwt.claims', '', true);
end
$$;

-- A refusal by hint: `statement` is run as whoever is current and must raise P0001 with
-- `hint` (the hint decides the HTTP status the app answers with).
create function kiln_test.refused_with_hint(hint text, message text, statement text) returns void
  language plpgsql
as $$
declare
  got text;
begin
  begin
    execute statement;
  exception when raise_exception then
    get stacked diagnostics got = pg_exception_hint;
    assert got = hint, format('%s (hint %s, expected %s)', message, got, hint);
    return;
  end;
  assert false, message;
end
$$;

-- The matrices switch to these roles and call the helpers as them.
grant usage on schema kiln_test to anon, authenticated, service_role;
