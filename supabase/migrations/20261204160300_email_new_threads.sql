-- A rep starts an email thread from Kiln (the lead page), not only the lead by writing in.
--
-- The first email of such a thread answers nothing, so its subject cannot be derived from an
-- earlier email the way a reply's "Re: …" is. The subject the rep typed is kept with the
-- thread, set once when it is started, and read when that first email is put together for
-- the relay (after the request, outside its transaction); later emails answer the thread's
-- newest one as usual. Threads the lead started have none.

alter table public.conversations add column email_subject text
  check (char_length(email_subject) between 1 and 998); -- RFC 5322's line limit, as email_messages.subject
alter table public.conversations add constraint conversations_email_subject_only_email
  check (email_subject is null or medium = 'email');
comment on column public.conversations.email_subject is
  'The subject a member gave an email thread they started from Kiln: its first email''s Subject. Null for threads the lead started.';

-- Given when the thread is started (the insert policy "Members can start conversations with
-- leads they can see" already decides who may); never updated, since sent email keeps its subject.
grant insert (email_subject) on public.conversations to authenticated;
