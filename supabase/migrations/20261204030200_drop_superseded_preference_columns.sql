-- The language and the time zone live in public.user_app_preferences since 20261203180000, which
-- copied what these two columns held; nothing has read or written them since. Dropping them
-- leaves one place for each setting, so no code can start reading a stale copy again.
-- Their column grants to authenticated go with them.

alter table public.profiles drop column locale;

alter table public.user_notification_settings drop column timezone;
