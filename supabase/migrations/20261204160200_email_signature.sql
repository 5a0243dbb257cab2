-- The user's email signature (issue 17): `integration_settings.emailSignature` of their
-- preferences (lib/preferences/schema.ts), put below their replies in email threads and below
-- the AI drafts they approve there (lib/inbox/email-signature.ts). It lives in the jsonb column
-- like the other integration defaults, so it needs no column of its own; the table bounds it as
-- the API does, since members may also write their own row directly.
alter table public.user_app_preferences
  add constraint user_app_preferences_email_signature_length
  check (char_length(coalesce(integration_settings ->> 'emailSignature', '')) <= 1000);

comment on column public.user_app_preferences.integration_settings is
  '{ calendly: { defaultEventTypeUri }, whatsapp: { preferredNumberId }, emailSignature }: per-user integration defaults (lib/preferences/schema.ts), never credentials.';
