-- Index-only reads for the activity rollups.
--
-- A widget reads every rollup row of one organization's hours in the range (at a 100k-lead
-- organization, 80k message rows over two 90-day periods). With the (org_id, bucket) indexes
-- each of those rows was also fetched from the heap, only to read the owner (for row-level
-- security), the key columns and the counts. These indexes carry exactly those columns, so the
-- range is answered from the index alone.
--
-- Index-only scans need the visibility map to be current: the rollups take steady small
-- upserts (mostly into the latest hours), so they are vacuumed after 2 % of their rows change
-- rather than the default 20 %, which keeps the older pages, the bulk of any range, all-visible.

drop index public.analytics_messages_org_bucket_idx;
create index analytics_messages_org_bucket_idx on public.analytics_messages (org_id, bucket)
  include (project_id, owner_id, medium, direction, messages);

drop index public.analytics_replies_org_bucket_idx;
create index analytics_replies_org_bucket_idx on public.analytics_replies (org_id, bucket)
  include (project_id, owner_id, user_id, replies);

drop index public.analytics_first_responses_org_bucket_idx;
create index analytics_first_responses_org_bucket_idx on public.analytics_first_responses (org_id, bucket)
  include (project_id, owner_id, responder, bin, replies);

drop index public.analytics_conversations_org_bucket_idx;
create index analytics_conversations_org_bucket_idx on public.analytics_conversations (org_id, bucket)
  include (project_id, owner_id, medium, started, ai_handled, taken_over);

drop index public.analytics_meetings_org_bucket_idx;
create index analytics_meetings_org_bucket_idx on public.analytics_meetings (org_id, bucket)
  include (project_id, owner_id, agent_id, booked, held, no_show, canceled);

drop index public.analytics_meetings_held_org_bucket_idx;
create index analytics_meetings_held_org_bucket_idx on public.analytics_meetings_held (org_id, bucket)
  include (project_id, owner_id, held);

drop index public.analytics_agent_drafts_org_bucket_idx;
create index analytics_agent_drafts_org_bucket_idx on public.analytics_agent_drafts (org_id, bucket)
  include (project_id, owner_id, agent_id, drafts, approved, edited, rejected, edit_distance);

drop index public.analytics_qualifications_org_bucket_idx;
create index analytics_qualifications_org_bucket_idx on public.analytics_qualifications (org_id, bucket)
  include (project_id, owner_id, agent_id, qualified);

alter table public.analytics_messages set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
alter table public.analytics_replies set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
alter table public.analytics_first_responses set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
alter table public.analytics_conversations set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
alter table public.analytics_meetings set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
alter table public.analytics_meetings_held set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
alter table public.analytics_agent_drafts set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
alter table public.analytics_qualifications set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
