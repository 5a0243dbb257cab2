-- auth.users: row-level security on, as Supabase has it. Only the server reaches the table
-- (service_role, which bypasses RLS, and security definer helpers owned by the migrator);
-- anon and authenticated have no grants, and no policies are needed.
-- On Supabase the table belongs to supabase_auth_admin and already has RLS: leave it alone.
do $$
begin
  if exists (
    select 1 from pg_tables
     where schemaname = 'auth' and tablename = 'users' and tableowner = current_user and not rowsecurity
  ) then
    alter table auth.users enable row level security;
  end if;
end
$$;
