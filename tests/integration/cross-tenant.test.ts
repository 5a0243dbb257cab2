import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withAnon, withRls, withService, type Claims, type Tx } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit";
import { requestSignUp } from "@/lib/auth/local";
import { consume } from "@/lib/http/rate-limit";
import { recordServerError } from "@/lib/http/server-errors";
import { grantPlatformAdmin } from "@/lib/auth/platform";
import { withIdempotency } from "@/lib/http/idempotency";
import { createApiKey } from "@/lib/auth/api-keys";
import { INVITATIONS_PER_ORGANIZATION } from "@/lib/orgs/invitation-limits";
import { createChannel } from "@/lib/channels/admin";
import { allocateNumber } from "@/lib/channels/allocations";
import { listWhatsAppSendingNumbers } from "@/lib/channels/sending-numbers";
import { processInboundEvent, recordInboundEvents } from "@/lib/inbound/events";
import { queueReply, startConversation } from "@/lib/inbox/mutations";
import { recordJobFailure } from "@/lib/jobs/failures";
import { createAgent } from "@/lib/agents/mutations";
import { saveFeedback } from "@/lib/approvals/decide";
import { addNote, createLead } from "@/lib/leads/mutations";
import { insertLeadEvent } from "@/lib/leads/events";
import { notifyWithResult } from "@/lib/notifications/notify";
import { savePushSubscription } from "@/lib/notifications/push";
import { DEFAULT_SETTINGS, saveSettings } from "@/lib/notifications/settings";
import { parseCalendlyWebhook } from "@/lib/integrations/calendly/events";
import { saveConnection } from "@/lib/integrations/connections";
import { saveGoogleConnection } from "@/lib/integrations/google/connection";
import { PART_SCOPES } from "@/lib/integrations/google/parts";
import { fileGmailMessage } from "@/lib/inbox/gmail-messages";
import { saveCalendarEvent } from "@/lib/sync/calendar/store";
import { claimSyncJob, queueSyncJob, recordSyncEvents, saveSyncCursor, type ClaimedJob } from "@/lib/sync/jobs";
import { recordCalendlyEvent } from "@/lib/meetings/ingest";
import { startImport } from "@/lib/leads/import-limits";
import { saveDashboardSettings } from "@/lib/dashboard/settings";
import { updatePreferences } from "@/lib/preferences/store";
import { recordRun } from "@/lib/reports/runs";
import { createSubscription } from "@/lib/reports/subscriptions";
import { createSavedView } from "@/lib/saved-views/store";
import { createSavedViewSchema } from "@/lib/saved-views/schema";
import { newDeviceId } from "@/lib/session-state/device";
import { sessionStatePatchSchema } from "@/lib/session-state/schema";
import { saveState } from "@/lib/session-state/store";
import { saveResponseTimeSettings } from "@/lib/inbox/sla-settings";
import { addConversationTags, createTag } from "@/lib/inbox/tags";
import { recordInboundMedia } from "@/lib/inbox/attachments";
import { createMailbox } from "@/lib/channels/mailboxes";
import { saveMailboxCredentials } from "@/lib/channels/mailbox-credentials";
import { inboundEmailSecret } from "@/lib/email/inbound-secret";
import { createTask, listTasks } from "@/lib/tasks/store";
import { acceptTaskSuggestion, proposeTaskFromMessage } from "@/lib/tasks/suggestions";
import { startBulkSend, getRunReport } from "@/lib/outreach/bulk";
import { consentOf, recordConsent } from "@/lib/outreach/consent";
import { ensureSampleTemplates, listTemplates } from "@/lib/outreach/templates";
import { createWebhookEndpoint, sendTestEvent, updateWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { addMember, createTestOrg, createTestUser, uniqueName, type TestUser } from "./helpers";

/**
 * The generic cross-tenant test. It does not trust a list of "tenant tables": it asks the
 * database for every table in schema `public`, makes sure organization A has rows in each,
 * and then checks that the owner of organization B (and an anonymous visitor) can neither
 * read, change, delete nor forge any of them.
 *
 * Adding a table? Add a builder to FIXTURES below that puts at least one row of org A's
 * world into it (through the app's own path where one exists) and returns the new ids.
 */

type World = {
  orgId: string;
  orgName: string;
  owner: TestUser;
  rep: TestUser;
  outsider: TestUser; // owner of organization B
};

type FixtureBuilder = (world: World) => Promise<string[]>;

const idsOf = (rows: { id: string }[]) => rows.map((r) => r.id);

let leadA: Promise<string> | undefined;
const leadOfA = (a: World) =>
  (leadA ??= withRls(a.owner.claims, (tx) =>
    createLead(tx, { type: "user", id: a.owner.id, name: "Owner A" }, a.orgId, {
      name: "Tenant A lead",
      email: `lead-${randomUUID().slice(0, 8)}@tenant-a.test`,
      phone: "+41 79 555 01 23",
      ownerId: a.rep.id,
      tags: ["tenant-a"],
    }),
  ));

/** Rows the database writes for A's lead (the dashboard rollups): keyed by A's organization, no ids of their own. */
const rowsOfLeadOfA: FixtureBuilder = async (a) => {
  await leadOfA(a);
  return [];
};

// The inbox's rows hang off each other (channel → conversation → message), built the app's way.
let channelA: Promise<string> | undefined;
const channelOfA = (a: World) =>
  (channelA ??= withRls(a.owner.claims, (tx) =>
    createChannel(tx, a.owner.id, a.orgId, {
      provider: "twilio",
      address: `+4176${String(Math.floor(1_000_000 + Math.random() * 8_999_999))}`,
      capabilities: ["sms"],
      label: "Tenant A line",
    }),
  ));
let conversationA: Promise<string> | undefined;
/** The owner's Gmail, connected with the gmail part on: the mailbox a sync job files from. */
let gmailA: Promise<{ connectionId: string; account: string }> | undefined;
const gmailMailboxOfA = (a: World) =>
  (gmailA ??= (async () => {
    await withService((tx) =>
      saveGoogleConnection(tx, {
        orgId: a.orgId,
        userId: a.owner.id,
        account: { sub: "100000000000000000456", email: "owner-a@tenant-a-mail.test" },
        accessToken: "ya29.tenant-a-owner",
        refreshToken: "1//tenant-a-owner",
        expiresAt: new Date(Date.now() + 3_600_000),
        scopes: ["openid", ...PART_SCOPES.gmail],
        enable: ["gmail"],
      }),
    );
    const connectionId = await withService(
      async (tx) =>
        (
          await tx.query<{ id: string }>(
            "select id from public.google_connections where org_id = $1 and user_id = $2",
            [a.orgId, a.owner.id],
          )
        ).rows[0]!.id,
    );
    return { connectionId, account: "owner-a@tenant-a-mail.test" };
  })());
const conversationOfA = (a: World) =>
  (conversationA ??= (async () => {
    const [leadId, channelId] = [await leadOfA(a), await channelOfA(a)];
    return withRls(a.rep.claims, (tx) =>
      startConversation(tx, { type: "user", id: a.rep.id, name: "Rep A" }, a.orgId, {
        leadId,
        channelId,
        medium: "sms",
      }),
    );
  })());

// The AI side: an agent, a draft waiting for approval in A's conversation (written by the
// drafting job's service role), feedback on it through the app's path.
let agentA: Promise<string> | undefined;
const agentOfA = (a: World) =>
  (agentA ??= withRls(a.owner.claims, (tx) =>
    createAgent(tx, a.owner.id, a.orgId, {
      name: "Tenant A agent",
      role: "sales",
      personality: "",
      business: "Solar",
      objectives: "Qualify",
      language: "en",
    }),
  ));
let taskA: Promise<string> | undefined;
const taskOfA = (a: World) =>
  (taskA ??= (async () => {
    const [agentId, conversationId, leadId] = [await agentOfA(a), await conversationOfA(a), await leadOfA(a)];
    return withService(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        `insert into public.hil_tasks (org_id, kind, payload, lead_id, conversation_id, agent_id, expires_at)
         values ($1, 'message_approval', '{"draft":"Tenant A draft"}', $2, $3, $4, now() + interval '2 days') returning id`,
        [a.orgId, leadId, conversationId, agentId],
      );
      return rows[0]!.id;
    });
  })());

/**
 * A's activity, once, for the activity rollups (keyed by A's organization, no ids of their own):
 * the lead writes and the rep answers in A's thread (messages, a reply, a first response, the
 * conversation), the agent's draft, a meeting that took place, the lead qualifying.
 */
let activityA: Promise<void> | undefined;
const activityOfA: FixtureBuilder = async (a) => {
  await (activityA ??= (async () => {
    const [leadId, conversationId] = [await leadOfA(a), await conversationOfA(a)];
    await taskOfA(a);
    await withService((tx) =>
      tx.query(
        `insert into public.messages (org_id, conversation_id, direction, body, status, provider, author_type, created_at)
         values ($1, $2, 'inbound', 'Hi from tenant A', 'received', 'sandbox', 'lead', now() - interval '1 minute')`,
        [a.orgId, conversationId],
      ),
    );
    await withRls(a.rep.claims, (tx) =>
      queueReply(tx, { type: "user", id: a.rep.id, name: "Rep A" }, a.orgId, conversationId, "Answer from A"),
    );
    await withService(async (tx) => {
      await tx.query(
        `insert into public.meetings (org_id, lead_id, owner_id, provider, title, starts_at, ends_at, status, booked_at)
         values ($1, $2, $3, 'manual', 'Tenant A visit', now() - interval '2 hours', now() - interval '1 hour', 'completed', now() - interval '1 day')`,
        [a.orgId, leadId, a.rep.id],
      );
      await insertLeadEvent(tx, {
        orgId: a.orgId,
        leadId,
        type: "bant_qualified",
        actor: { type: "system", name: "Test" },
      });
    });
  })());
  return [];
};

// A's rep's own Google connection, and a Calendar sync job of it (claimed, as a worker does).
let googleConnectionA: Promise<string> | undefined;
const googleConnectionOfA = (a: World) =>
  (googleConnectionA ??= (async () => {
    await withService((tx) =>
      saveGoogleConnection(tx, {
        orgId: a.orgId,
        userId: a.rep.id,
        account: { sub: "100000000000000000123", email: "rep-a@tenant-a-mail.test" },
        accessToken: "ya29.tenant-a",
        refreshToken: "1//tenant-a",
        expiresAt: new Date(Date.now() + 3_600_000),
        scopes: ["openid"],
        enable: [],
      }),
    );
    return withService(
      async (tx) =>
        (
          await tx.query<{ id: string }>(
            "select id from public.google_connections where org_id = $1 and user_id = $2",
            [a.orgId, a.rep.id],
          )
        ).rows[0]!.id,
    );
  })());
let calendarSyncA: Promise<ClaimedJob> | undefined;
const calendarSyncOfA = (a: World) =>
  (calendarSyncA ??= (async () => {
    const connection = { orgId: a.orgId, userId: a.rep.id, connectionId: await googleConnectionOfA(a) };
    const { id } = await withService((tx) => queueSyncJob(tx, connection, "calendar"));
    return (await withService((tx) => claimSyncJob(tx, id)))!;
  })());

let webhookA: Promise<{ endpointId: string; eventId: string; deliveryId: string }> | undefined;
const webhookOfA = (a: World) =>
  (webhookA ??= withRls(a.owner.claims, async (tx) => {
    const { endpoint } = await createWebhookEndpoint(
      tx,
      a.owner.id,
      a.orgId,
      { url: "https://hooks.tenant-a.example/kiln", eventTypes: ["lead.created"] },
      { allowPrivate: false, resolve: async () => [{ address: "93.184.215.14", family: 4 as const }] },
    );
    // Off, so other fixtures' leads send it nothing; `now` given: nothing tries to reach the URL.
    await updateWebhookEndpoint(tx, a.owner.id, a.orgId, endpoint.id, { enabled: false });
    const sent = await sendTestEvent(tx, a.orgId, endpoint.id, { now: new Date() });
    return { endpointId: endpoint.id, ...sent };
  }));

const FIXTURES: Record<string, FixtureBuilder> = {
  // Created by createTestOrg / createTestUser already; these just name A's rows.
  organizations: async (a) => [a.orgId],
  profiles: async (a) => [a.owner.id, a.rep.id],
  memberships: (a) =>
    withService(async (tx) =>
      idsOf((await tx.query<{ id: string }>("select id from public.memberships where org_id = $1", [a.orgId])).rows),
    ),
  projects: (a) =>
    withRls(a.owner.claims, async (tx) =>
      idsOf(
        (
          await tx.query<{ id: string }>(
            "insert into public.projects (org_id, name, created_by) values ($1, $2, $3) returning id",
            [a.orgId, uniqueName("Project"), a.owner.id],
          )
        ).rows,
      ),
    ),
  invitations: (a) =>
    withRls(a.owner.claims, async (tx) =>
      idsOf(
        (
          await tx.query<{ id: string }>(
            `insert into public.invitations (org_id, email, role, token_hash, invited_by, expires_at)
             values ($1, $2, 'manager', private.hash_token($3), $4, now() + interval '7 days') returning id`,
            [a.orgId, `invitee-${randomUUID().slice(0, 8)}@kiln.test`, randomUUID(), a.owner.id],
          )
        ).rows,
      ),
    ),
  // Written through the app's one path (private.record_audit); members have no insert grant.
  audit_log: (a) =>
    withRls(a.owner.claims, async (tx) => {
      await recordAudit(tx, {
        orgId: a.orgId,
        actorId: a.owner.id,
        action: "member.invited",
        targetType: "user",
        targetId: a.rep.id,
      });
      return idsOf(
        (
          await tx.query<{ id: string }>(
            "select id from public.audit_log where org_id = $1 and action = 'member.invited'",
            [a.orgId],
          )
        ).rows,
      );
    }),
  // A lead created the app's way (its `created` event lands in lead_events) and owned by the rep,
  // plus a note the rep adds. Tables are visited alphabetically, so both builders share one lead.
  leads: async (a) => [await leadOfA(a)],
  // Dashboard rollups, written by the leads triggers: A's lead puts a row in each (keyed by A's org).
  analytics_lead_totals: rowsOfLeadOfA,
  analytics_lead_cohorts: rowsOfLeadOfA,
  analytics_heat_history: rowsOfLeadOfA,
  // Activity rollups, written by the triggers on messages, conversations, meetings, drafts and the timeline.
  analytics_messages: activityOfA,
  analytics_project_messages: activityOfA,
  analytics_org_messages: activityOfA,
  analytics_replies: activityOfA,
  analytics_first_responses: activityOfA,
  analytics_conversations: activityOfA,
  analytics_conversation_status: activityOfA,
  analytics_meetings: activityOfA,
  analytics_meetings_held: activityOfA,
  analytics_agent_drafts: activityOfA,
  analytics_qualifications: activityOfA,
  lead_events: async (a) => {
    const leadId = await leadOfA(a);
    await withRls(a.rep.claims, (tx) =>
      addNote(tx, { type: "user", id: a.rep.id, name: "Rep A" }, a.orgId, leadId, "Called, call back Monday."),
    );
    return withService(async (tx) =>
      idsOf((await tx.query<{ id: string }>("select id from public.lead_events where lead_id = $1", [leadId])).rows),
    );
  },
  // A's rep starting an import, the way the import route claims the organization's slot.
  lead_imports: async (a) => [(await startImport(a.rep.claims, a.orgId, a.rep.id)).id],
  channels: async (a) => [await channelOfA(a)],
  // Written by a platform admin through the service role; rows are keyed by the number, not an id.
  number_allocations: async (a) => {
    await withService((tx) =>
      allocateNumber(tx, a.owner.id, {
        orgId: a.orgId,
        provider: "twilio",
        number: `+4144${String(Date.now()).slice(-7)}`,
      }),
    );
    return [];
  },
  conversations: async (a) => [await conversationOfA(a)],
  messages: async (a) => {
    const conversationId = await conversationOfA(a);
    return [
      await withRls(a.rep.claims, (tx) =>
        queueReply(tx, { type: "user", id: a.rep.id, name: "Rep A" }, a.orgId, conversationId, "Hello from A"),
      ),
    ];
  },
  ai_agents: async (a) => [await agentOfA(a)],
  hil_tasks: async (a) => [await taskOfA(a)],
  ai_feedback: async (a) => {
    const taskId = await taskOfA(a);
    await withRls(a.rep.claims, (tx) =>
      saveFeedback(tx, a.rep.id, a.orgId, taskId, { rating: "up", comment: "Good draft" }),
    );
    return withService(async (tx) =>
      idsOf((await tx.query<{ id: string }>("select id from public.ai_feedback where task_id = $1", [taskId])).rows),
    );
  },
  bant_suggestions: async (a) => {
    const [leadId, taskId] = [await leadOfA(a), await taskOfA(a)];
    return withService(async (tx) =>
      idsOf(
        (
          await tx.query<{ id: string }>(
            `insert into public.bant_suggestions (org_id, lead_id, task_id, dimension, status, value, quote, confidence)
             values ($1, $2, $3, 'budget', 'partial', 'CHF 20000', 'maybe 20k', 0.5) returning id`,
            [a.orgId, leadId, taskId],
          )
        ).rows,
      ),
    );
  },
  // Webhook deliveries are written by the service role after the signature was verified.
  // Every organization gets its subscription row (its trial) when it is created.
  subscriptions: async () => [],
  inbound_events: async () => {
    const ids = await recordInboundEvents(
      [
        {
          provider: "twilio",
          eventId: `SM${randomUUID().replace(/-/g, "")}`,
          kind: "message",
          payload: { Body: "Tenant A's lead" },
        },
      ],
      { headers: {} },
    );
    return ids;
  },
  job_failures: async (a) => {
    const jobId = randomUUID();
    await recordJobFailure({
      orgId: a.orgId,
      queue: "inbox.send-message",
      jobId,
      data: { messageId: randomUUID() },
      error: "Provider down",
      attempts: 5,
    });
    return withService(async (tx) =>
      idsOf((await tx.query<{ id: string }>("select id from public.job_failures where job_id = $1", [jobId])).rows),
    );
  },
  // Notifications: written only through notify() (here for a failing integration, to A's owner);
  // the owner keeps them in the app only, so nothing is sent anywhere while the test runs.
  user_notification_settings: async (a) => {
    for (const person of [a.owner, a.rep]) {
      const settings = structuredClone(DEFAULT_SETTINGS);
      settings.channels.integrations = { in_app: true, email: false, push: false, sms: false };
      await withRls(person.claims, (tx) => saveSettings(tx, person.id, settings));
    }
    return [a.owner.id, a.rep.id];
  },
  // Each user's app preferences, saved the app's way (the rep's theme, language and zone).
  user_app_preferences: async (a) => {
    await withRls(a.rep.claims, (tx) =>
      updatePreferences(tx, a.rep.id, {
        interface: { theme: "dark", language: "de" },
        data: { timeZone: "Europe/Berlin" },
      }),
    );
    return [a.rep.id];
  },
  // Each user's own dashboards, saved the app's way: the rep's "all projects" one and a project's.
  user_dashboard_settings: async (a) => {
    const [projectId] = await FIXTURES.projects!(a);
    await withRls(a.rep.claims, async (tx) => {
      await saveDashboardSettings(tx, a.orgId, null, { layout: [{ i: "heat", x: 0, y: 0, w: 4, h: 8 }] });
      await saveDashboardSettings(tx, a.orgId, projectId!, { visibility: { team: false } });
    });
    return withService(async (tx) =>
      idsOf(
        (await tx.query<{ id: string }>("select id from public.user_dashboard_settings where user_id = $1", [a.rep.id]))
          .rows,
      ),
    );
  },
  // Where the rep and the owner left off on a device each, saved the app's way (keyed by user, no org column).
  user_session_state: async (a) => {
    for (const person of [a.rep, a.owner]) {
      await withRls(person.claims, (tx) =>
        saveState(
          tx,
          newDeviceId(),
          sessionStatePatchSchema.parse({
            currentContext: { orgId: a.orgId, page: "leads", leads: { filters: { heat: "hot" } } },
          }),
        ),
      );
    }
    return [];
  },
  // The rep's saved view of A's lead list.
  user_saved_views: async (a) => [
    (
      await withRls(a.rep.claims, (tx) =>
        createSavedView(
          tx,
          a.orgId,
          createSavedViewSchema.parse({ name: "Tenant A hot leads", definition: { filters: { heat: "hot" } } }),
        ),
      )
    ).id,
  ],
  // The rep's scheduled report, subscribed the app's way, and one generated report of it.
  report_subscriptions: async (a) => [
    (
      await withRls(a.rep.claims, (tx) =>
        createSubscription(tx, a.orgId, {
          cadence: "weekly",
          weekday: 1,
          dayOfMonth: null,
          hour: 8,
          timeZone: "Europe/Zurich",
          projectId: null,
        }),
      )
    ).id,
  ],
  report_runs: async (a) => {
    const [subscriptionId] = await FIXTURES.report_subscriptions!(a);
    const run = await withService((tx) =>
      recordRun(
        tx,
        {
          id: randomUUID(),
          subscriptionId: subscriptionId!,
          userId: a.rep.id,
          orgId: a.orgId,
          projectId: null,
          scheduledFor: null,
          periodFrom: "2026-11-23",
          periodTo: "2026-11-29",
          timeZone: "Europe/Zurich",
        },
        { pdf: Buffer.from("%PDF-1.3 tenant A report") },
      ),
    );
    return [run.id];
  },
  notifications: async (a) => {
    await FIXTURES.user_notification_settings!(a);
    const result = await withService((tx) =>
      notifyWithResult(tx, {
        kind: "integration_failing",
        orgId: a.orgId,
        provider: "twilio",
        status: "error",
        problem: { kind: "token_rejected", params: {} },
      }),
    );
    return result.notifications.map((n) => n.notificationId);
  },
  notification_digests: (a) =>
    withService(async (tx) =>
      idsOf(
        (
          await tx.query<{ id: string }>(
            "insert into public.notification_digests (user_id, channel, item_count, status) values ($1, 'email', 1, 'sent') returning id",
            [a.owner.id],
          )
        ).rows,
      ),
    ),
  // Delivery state rows as the delivery job leaves them (already sent, so no worker picks them up).
  notification_deliveries: async (a) => {
    const [notificationId] = await FIXTURES.notifications!(a);
    return withService(async (tx) =>
      idsOf(
        (
          await tx.query<{ id: string }>(
            "insert into public.notification_deliveries (notification_id, org_id, user_id, channel, status, attempts, sent_at) values ($1, $2, $3, 'email', 'sent', 1, now()) returning id",
            [notificationId, a.orgId, a.owner.id],
          )
        ).rows,
      ),
    );
  },
  push_subscriptions: async (a) => [
    await withRls(a.rep.claims, (tx) =>
      savePushSubscription(
        tx,
        {
          endpoint: `https://push.tenant-a.test/${randomUUID()}`,
          keys: { p256dh: "BTenantAKey", auth: "tenantAauth" },
        },
        "vitest",
      ),
    ),
  ],
  // Built-in auth writes these with the service role (before or outside a user's request).
  user_sessions: (a) =>
    withService(async (tx) =>
      idsOf(
        (
          await tx.query<{ id: string }>(
            "insert into public.user_sessions (user_id, current_org_id, user_agent, expires_at) values ($1, $2, 'vitest', now() + interval '1 day'), ($3, $2, 'vitest', now() + interval '1 day') returning id",
            [a.rep.id, a.orgId, a.owner.id],
          )
        ).rows,
      ),
    ),
  login_attempts: (a) =>
    withService(async (tx) =>
      idsOf(
        (
          await tx.query<{ id: string }>(
            "insert into public.login_attempts (email, succeeded) values ($1, true), ($2, false) returning id",
            [a.rep.email, a.owner.email],
          )
        ).rows,
      ),
    ),
  // A Calendly booking for A's lead, recorded and processed the way the webhook does.
  meetings: async (a) => {
    const leadId = await leadOfA(a);
    const email = await withService(
      async (tx) =>
        (await tx.query<{ email: string }>("select email from public.leads where id = $1", [leadId])).rows[0]!.email,
    );
    const eventUri = `https://api.calendly.com/scheduled_events/${randomUUID()}`;
    const body = {
      event: "invitee.created",
      created_at: new Date().toISOString(),
      payload: {
        uri: `${eventUri}/invitees/${randomUUID()}`,
        email,
        name: "Tenant A lead",
        status: "active",
        scheduled_event: {
          uri: eventUri,
          name: "Tenant A meeting",
          start_time: new Date(Date.now() + 86_400_000).toISOString(),
          end_time: new Date(Date.now() + 88_200_000).toISOString(),
        },
      },
    };
    const { id } = await recordCalendlyEvent(parseCalendlyWebhook(body), body, { orgId: a.orgId, headers: {} });
    await processInboundEvent(id!);
    return withService(async (tx) =>
      idsOf((await tx.query<{ id: string }>("select id from public.meetings where lead_id = $1", [leadId])).rows),
    );
  },
  integration_connections: async (a) => {
    const id = randomUUID();
    await withService((tx) =>
      saveConnection(tx, {
        id,
        orgId: a.orgId,
        tokens: {
          accessToken: "at-a",
          refreshToken: "rt-a",
          expiresAt: new Date(Date.now() + 3_600_000),
          scope: "default",
          owner: {
            userUri: "https://api.calendly.com/users/A",
            organizationUri: `https://api.calendly.com/organizations/${id}`,
          },
        },
        signingKey: "key-a",
        subscriptionUri: `https://api.calendly.com/webhook_subscriptions/${id}`,
        account: {
          uri: "https://api.calendly.com/users/A",
          name: "Owner A",
          email: a.owner.email,
          schedulingUrl: null,
          organizationUri: `https://api.calendly.com/organizations/${id}`,
        },
        connectedBy: a.owner.id,
      }),
    );
    return [id];
  },
  google_connections: async (a) => [await googleConnectionOfA(a)],
  // A meeting booked in Kiln and its event in the rep's Google Calendar, as the booking and its job leave them.
  meeting_google_events: async (a) => {
    const [leadId, connectionId] = [await leadOfA(a), await googleConnectionOfA(a)];
    return withService(async (tx) => {
      const { rows: meeting } = await tx.query<{ id: string }>(
        `insert into public.meetings (org_id, lead_id, owner_id, provider, title, starts_at, ends_at, status, booked_at, created_by)
         values ($1, $2, $3, 'manual', 'Tenant A calendar visit', now() + interval '1 day', now() + interval '25 hours', 'scheduled', now(), $3)
         returning id`,
        [a.orgId, leadId, a.rep.id],
      );
      const { rows } = await tx.query<{ id: string }>(
        `insert into public.meeting_google_events (org_id, meeting_id, user_id, connection_id, google_event_id, state,
                                                   generation, synced_generation, synced_at)
         values ($1, $2, $3, $4, 'kilntenanta0000000000000000000001', 'added', 1, 1, now()) returning id`,
        [a.orgId, meeting[0]!.id, a.rep.id, connectionId],
      );
      return idsOf(rows);
    });
  },
  // The sync's bookkeeping and the calendar copy, written through lib/sync as its job does.
  sync_jobs: async (a) => [(await calendarSyncOfA(a)).id],
  sync_events: async (a) => {
    const job = await calendarSyncOfA(a);
    await withService((tx) =>
      recordSyncEvents(tx, job, [{ action: "skipped", reason: "no_lead_attendee", providerId: "evt-a" }], 1),
    );
    return [];
  },
  google_sync_state: async (a) => {
    const job = await calendarSyncOfA(a);
    await withService((tx) => saveSyncCursor(tx, job, "calendar", "sync-token-of-a", { full: true }));
    return [];
  },
  google_calendar_events: async (a) => {
    const job = await calendarSyncOfA(a);
    await withService((tx) =>
      saveCalendarEvent(
        tx,
        job,
        {
          id: "evt-tenant-a",
          status: "confirmed",
          summary: "Tenant A site visit",
          startsAt: new Date(Date.now() + 86_400_000),
          endsAt: new Date(Date.now() + 90_000_000),
          allDay: false,
          timezone: null,
          location: null,
          joinUrl: null,
          htmlLink: null,
          attendeeEmails: ["lead@tenant-a.test"],
          updatedAt: new Date(),
        },
        [],
      ),
    );
    return [];
  },
  oauth_states: (a) =>
    withService(async (tx) =>
      idsOf(
        (
          await tx.query<{ id: string }>(
            `insert into public.oauth_states (state_hash, provider, org_id, user_id, code_verifier_sealed, redirect_uri, expires_at)
             values ($1, 'calendly', $2, $3, 'v1.x.y.z', 'http://localhost:3000/api/oauth/calendly/callback', now() + interval '10 minutes') returning id`,
            [randomUUID().replace(/-/g, "").padEnd(64, "0"), a.orgId, a.owner.id],
          )
        ).rows,
      ),
    ),
  password_reset_tokens: (a) =>
    withService(async (tx) =>
      idsOf(
        (
          await tx.query<{ id: string }>(
            "insert into public.password_reset_tokens (user_id, token_hash, expires_at) values ($1, $2, now() + interval '1 hour') returning id",
            [a.rep.id, randomUUID()],
          )
        ).rows,
      ),
    ), // Server-only: A's invitation counter, counted the way the invitations route counts it.
  rate_limit_counters: async (a) => {
    expect(await consume([{ limit: INVITATIONS_PER_ORGANIZATION, key: a.orgId }])).toEqual({ allowed: true });
    return [];
  },
  // Server-only: a sign-up waiting for its email link, naming A's organization.
  sign_up_requests: async (a) => {
    await requestSignUp({
      email: `pending-${randomUUID().slice(0, 8)}@tenant-a.test`,
      fullName: "Pending A",
      password: "pending-password-1",
      organizationName: a.orgName,
    });
    return [];
  },
  // Conversation handling (issue 16): a tag on A's conversation, A's working hours and a
  // response-time target on A's channel, written through lib/inbox.
  conversation_tags: (a) => tagOfA(a).then((id) => [id]),
  conversation_tag_links: async (a) => {
    const [tagId, conversationId] = [await tagOfA(a), await conversationOfA(a)];
    await withRls(a.owner.claims, (tx) => addConversationTags(tx, a.owner.id, a.orgId, conversationId, [tagId]));
    return [];
  },
  response_time_settings: async (a) => {
    const channelId = await channelOfA(a);
    await withRls(a.owner.claims, (tx) =>
      saveResponseTimeSettings(tx, a.owner.id, a.orgId, {
        timeZone: "Europe/Zurich",
        workingHours: { mon: { start: "09:00", end: "17:00" } },
        targets: [{ channelId, targetMinutes: 30 }],
      }),
    );
    return [channelId];
  },
  response_time_slas: (a) => channelOfA(a).then((id) => [id]),
  // Outbound media (issue 16): a lead's photo in A's thread, recorded for download by lib/inbox.
  message_attachments: async (a) => {
    const conversationId = await conversationOfA(a);
    const messageId = await withRls(a.rep.claims, (tx) =>
      queueReply(tx, { type: "user", id: a.rep.id, name: "Rep A" }, a.orgId, conversationId, "A photo follows"),
    );
    return withService((tx) =>
      recordInboundMedia(tx, {
        orgId: a.orgId,
        conversationId,
        messageId,
        media: [
          { url: "https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM0/Media/ME0", contentType: "image/jpeg" },
        ],
      }),
    );
  },
  // Inbound email (issue 17): A's signing secret as an admin first sees it, and an email a
  // lead sent to A's mailbox, stored by the inbound pipeline's email handler (lib/inbox).
  // Shared mailboxes (IMAP + SMTP): an admin connects a mailbox of A to its mail servers.
  // Outbound webhooks: an endpoint of A (admins only), and a test event to it, which writes the
  // outbox event and its pending delivery.
  webhook_endpoints: (a) => webhookOfA(a).then((ids) => [ids.endpointId]),
  webhook_events: (a) => webhookOfA(a).then((ids) => [ids.eventId]),
  webhook_deliveries: (a) => webhookOfA(a).then((ids) => [ids.deliveryId]),
  mailbox_credentials: async (a) => {
    const address = `shared-${randomUUID().slice(0, 8)}@tenant-a.example`;
    const mailbox = await withRls(a.owner.claims, (tx) =>
      createMailbox(tx, a.owner.id, a.orgId, { address, label: "Shared" }),
    );
    await withRls(a.owner.claims, (tx) =>
      saveMailboxCredentials(tx, a.owner.id, a.orgId, mailbox.id, {
        imap: {
          host: "imap.tenant-a.example",
          port: 993,
          tls: true,
          user: address,
          password: "imap-pass",
          folder: "INBOX",
        },
        smtp: { host: "smtp.tenant-a.example", port: 465, security: "tls", user: address, password: "smtp-pass" },
      }),
    );
    return [mailbox.id];
  },
  email_inbound_secrets: async (a) => {
    await withRls(a.owner.claims, (tx) => inboundEmailSecret(tx, a.orgId));
    return [];
  },
  email_messages: async (a) => {
    const address = `sales-${randomUUID().slice(0, 8)}@tenant-a.example`;
    await withRls(a.owner.claims, (tx) => createMailbox(tx, a.owner.id, a.orgId, { address, label: "Sales" }));
    const mime = [
      `From: Lead of A <lead-${randomUUID().slice(0, 8)}@lead.example>`,
      `To: ${address}`,
      "Subject: Tenant A's email",
      `Message-ID: <${randomUUID()}@lead.example>`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Please send Tenant A's offer.",
    ].join("\r\n");
    const key = `${a.orgId}:${randomUUID()}`;
    const [id] = await recordInboundEvents(
      [
        {
          provider: "email",
          eventId: key,
          kind: "message",
          payload: { key, mime: Buffer.from(mime).toString("base64") },
        },
      ],
      { headers: {}, orgId: a.orgId },
    );
    await processInboundEvent(id!);
    return withService(async (tx) =>
      idsOf(
        (
          await tx.query<{ id: string }>(
            "select message_id as id from public.email_messages where org_id = $1 and subject = $2",
            [a.orgId, "Tenant A's email"],
          )
        ).rows,
      ),
    );
  },
  // Gmail in the inbox (issue 17): the owner's Gmail sync files a lead's email from their
  // mailbox (lib/inbox), linked to the Gmail message it came from. Its cursor and jobs are the
  // sync bookkeeping's (google_sync_state, sync_jobs, sync_events above).
  gmail_messages: async (a) => {
    const mailbox = await gmailMailboxOfA(a);
    const address = `sales-${randomUUID().slice(0, 8)}@tenant-a.example`;
    await withRls(a.owner.claims, (tx) => createMailbox(tx, a.owner.id, a.orgId, { address, label: "Gmail" }));
    const leadEmail = await withService(
      async (tx) =>
        (await tx.query<{ email: string }>("select email from public.leads where id = $1", [await leadOfA(a)])).rows[0]!
          .email,
    );
    const raw = Buffer.from(
      [
        `From: Lead of A <${leadEmail}>`,
        `To: ${mailbox.account}`,
        "Subject: Tenant A's Gmail",
        `Message-ID: <${randomUUID()}@lead.example>`,
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Tenant A's mail, from Gmail.",
      ].join("\r\n"),
    );
    const outcome = await withService((tx) =>
      fileGmailMessage(tx, {
        orgId: a.orgId,
        userId: a.owner.id,
        connectionId: mailbox.connectionId,
        account: mailbox.account,
        gmailId: `18c${randomUUID().slice(0, 8)}`,
        threadId: null,
        raw,
        receivedAt: new Date(),
        live: false,
        onRollback: () => undefined,
      }),
    );
    expect(outcome).toBe("created");
    return withService(async (tx) =>
      idsOf((await tx.query<{ id: string }>("select id from public.gmail_messages where org_id = $1", [a.orgId])).rows),
    );
  },
  // Follow-up tasks (issue 16): the rep's task on A's lead and thread, and a callback the lead
  // asked for, proposed by the inbound pipeline (lib/tasks).
  tasks: async (a) => [await taskOnLeadOfA(a)],
  task_suggestions: async (a) => [await suggestionOfA(a)],
  // Templates and outreach (issue 16): A's sandbox channel's sample templates, consent the rep
  // recorded for A's lead, and the rep's bulk send of a template to that lead (lib/outreach).
  message_templates: async (a) => [await templateOfA(a)],
  lead_channel_consent: async (a) => {
    const leadId = await leadOfA(a);
    await withRls(a.rep.claims, (tx) =>
      recordConsent(tx, {
        orgId: a.orgId,
        leadId,
        kind: "whatsapp",
        status: "opted_in",
        source: "manual",
        recordedBy: a.rep.id,
      }),
    );
    return [];
  },
  outreach_runs: async (a) => [await runOfA(a)],
  outreach_recipients: async (a) => {
    await runOfA(a);
    return [];
  },
  // An admin's key: its row, the organization's API principal, and an answer kept for an idempotent retry.
  api_keys: async (a) => [await apiKeyOfA(a)],
  api_principals: async (a) => {
    await apiKeyOfA(a);
    return [];
  },
  api_idempotency_keys: async (a) => {
    const keyId = await apiKeyOfA(a);
    const request = new Request("http://localhost:3000/api/v1/leads", { method: "POST", body: "{}" });
    await withIdempotency(request, keyId, `fixture-${randomUUID()}`, async () => Response.json({}, { status: 201 }));
    return [keyId];
  },
  // Server-only (platform admin console): A's owner granted platform admin at the shell, which
  // also writes the platform audit log; a 500 of A's owner, recorded by the route wrapper's error path.
  platform_admins: async (a) => {
    await withService((tx) => grantPlatformAdmin(tx, { cli: "cli:cross-tenant" }, a.owner.email));
    return [];
  },
  platform_audit_log: async (a) => {
    await withService((tx) => grantPlatformAdmin(tx, { cli: "cli:cross-tenant" }, a.rep.email));
    return [];
  },
  server_errors: async (a) => {
    const recorded = await recordServerError({
      requestId: `req-${randomUUID()}`,
      orgId: a.orgId,
      userId: a.owner.id,
      method: "GET",
      path: "/api/v1/leads",
      status: 500,
      error: new Error("Tenant A's failure"),
    });
    expect(recorded).toBe(true);
    return [];
  },
};

let apiKeyA: Promise<string> | undefined;
const apiKeyOfA = (a: World) =>
  (apiKeyA ??= withRls(a.owner.claims, async (tx) => {
    const { apiKey } = await createApiKey(tx, a.owner.id, a.orgId, { name: "Tenant A key", scopes: ["leads:read"] });
    return apiKey.id;
  }));

let templateA: Promise<string> | undefined;
const templateOfA = (a: World) =>
  (templateA ??= (async () => {
    const channelId = await channelOfA(a);
    return withRls(a.rep.claims, async (tx) => {
      await ensureSampleTemplates(tx, channelId);
      return (await listTemplates(tx, a.orgId, channelId))[0]!.id;
    });
  })());
let runA: Promise<string> | undefined;
const runOfA = (a: World) =>
  (runA ??= (async () => {
    const [templateId, leadId] = [await templateOfA(a), await leadOfA(a)];
    const run = await withRls(a.rep.claims, (tx) =>
      startBulkSend(tx, { type: "user", id: a.rep.id, name: "Rep A" }, a.orgId, {
        templateId,
        audience: { leadIds: [leadId] },
      }),
    );
    return run.runId;
  })());

const CLOCK = { now: new Date(), timeZone: "Europe/Zurich", locale: "en" };
let taskOnLeadA: Promise<string> | undefined;
const taskOnLeadOfA = (a: World) =>
  (taskOnLeadA ??= (async () => {
    const [leadId, conversationId] = [await leadOfA(a), await conversationOfA(a)];
    const task = await withRls(a.rep.claims, (tx) =>
      createTask(
        tx,
        a.orgId,
        { title: "Call A back", category: "call", priority: "normal", leadId, conversationId },
        CLOCK,
      ),
    );
    return task.id;
  })());
let suggestionA: Promise<string> | undefined;
const suggestionOfA = (a: World) =>
  (suggestionA ??= (async () => {
    const [leadId, conversationId] = [await leadOfA(a), await conversationOfA(a)];
    const messageId = await withRls(a.rep.claims, (tx) =>
      queueReply(tx, { type: "user", id: a.rep.id, name: "Rep A" }, a.orgId, conversationId, "Noted"),
    );
    const id = await withService((tx) =>
      proposeTaskFromMessage(tx, {
        orgId: a.orgId,
        leadId,
        conversationId,
        messageId,
        body: "Call me back tomorrow at 10",
      }),
    );
    if (!id) throw new Error("no task suggestion was proposed for A");
    return id;
  })());

let tagA: Promise<string> | undefined;
const tagOfA = (a: World) =>
  (tagA ??= withRls(a.owner.claims, (tx) =>
    createTag(tx, a.owner.id, a.orgId, { name: "Tenant A tag", color: "teal" }),
  ).then((tag) => tag.id));

// ---------------------------------------------------------------------------------------

/** `insertable`: the columns minus generated ones (e.g. leads.search), which an insert cannot name. */
type TableInfo = { name: string; rls: boolean; columns: string[]; insertable: string[]; updatable: string[] };

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

async function listPublicTables(): Promise<TableInfo[]> {
  return withService(async (tx) => {
    const { rows } = await tx.query<{
      name: string;
      rls: boolean;
      columns: string[];
      insertable: string[];
      updatable: string[] | null;
    }>(
      `select c.relname as name, c.relrowsecurity as rls,
              array_agg(a.attname::text order by a.attnum) as columns,
              array_agg(a.attname::text order by a.attnum) filter (where a.attgenerated = '') as insertable,
              array_agg(a.attname::text order by a.attnum)
                filter (where has_column_privilege('authenticated', c.oid, a.attnum, 'UPDATE')) as updatable
         from pg_class c
         join pg_namespace n on n.oid = c.relnamespace
         join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where n.nspname = 'public' and c.relkind in ('r', 'p')
        group by c.oid, c.relname, c.relrowsecurity
        order by c.relname`,
    );
    return rows.map((r) => ({ ...r, updatable: r.updatable ?? [] }));
  });
}

/**
 * Vocabularies shared by every organization (lookup tables the migrations fill): no tenant
 * data, so no fixture; instead every member may read them and nobody may change them.
 */
const VOCABULARIES = new Set(["lead_event_types", "lead_sources", "notification_categories"]);

// Collected at load time so every table gets its own named tests.
const allTables = await listPublicTables();
const tables = allTables.filter((t) => !VOCABULARIES.has(t.name));
const vocabularies = allTables.filter((t) => VOCABULARIES.has(t.name));

let world: World;
/** Every id, email and name that belongs to org A's world; none may reach B. */
let markers: string[] = [];
const fixtureErrors = new Map<string, string>();

/** SQL predicate: "this row mentions something of org A". $1 is the markers array. */
const mentionsA = "exists (select 1 from unnest($1::text[]) as m(v) where strpos(to_jsonb(t)::text, m.v) > 0)";

class Rollback extends Error {}

type Outcome = { denied: true; rowCount: 0 } | { denied: false; rowCount: number; rows: unknown[] };

/** Runs `fn` as `claims`, always rolls back, and reports "permission denied" as an outcome. */
async function attempt(
  claims: Claims,
  fn: (tx: Tx) => Promise<{ rows: unknown[]; rowCount: number }>,
): Promise<Outcome> {
  let outcome: Outcome | undefined;
  try {
    await withRls(claims, async (tx) => {
      const result = await fn(tx);
      outcome = { denied: false, rowCount: result.rowCount, rows: result.rows };
      throw new Rollback();
    });
  } catch (error) {
    if (error instanceof Rollback && outcome) return outcome;
    if ((error as { code?: string }).code === "42501") return { denied: true, rowCount: 0 };
    throw error;
  }
  throw new Error("unreachable");
}

/** Rows an anonymous visitor sees in `table` ("permission denied" counts as none). */
async function anonRowCount(table: string): Promise<number> {
  try {
    return await withAnon(async (tx) => (await tx.query(`select 1 from public.${quote(table)} limit 1`)).rows.length);
  } catch (error) {
    if ((error as { code?: string }).code === "42501") return 0;
    throw error;
  }
}

function requireFixture(table: string): void {
  const problem = fixtureErrors.get(table);
  if (problem) throw new Error(problem);
}

async function aRowsOf(table: string): Promise<Record<string, unknown>[]> {
  return withService(async (tx) => {
    const { rows } = await tx.query<{ row: Record<string, unknown> }>(
      `select to_jsonb(t) as row from public.${quote(table)} t where ${mentionsA}`,
      [markers],
    );
    return rows.map((r) => r.row);
  });
}

beforeAll(async () => {
  const owner = await createTestUser({ fullName: "Owner A" });
  const rep = await createTestUser({ fullName: "Rep A" });
  const outsider = await createTestUser({ fullName: "Owner B" });
  const orgName = uniqueName("Tenant A");
  const orgId = await createTestOrg(owner, orgName);
  await addMember(orgId, rep, "rep");
  await createTestOrg(outsider, uniqueName("Tenant B"));
  world = { orgId, orgName, owner, rep, outsider };
  markers = [orgId, orgName, owner.id, owner.email, rep.id, rep.email];

  for (const table of tables) {
    const build = FIXTURES[table.name];
    if (!build) {
      fixtureErrors.set(
        table.name,
        `public.${table.name} has no fixture in tests/integration/cross-tenant.test.ts. ` +
          `Add a FIXTURES["${table.name}"] builder that inserts at least one row belonging to org A ` +
          `(its organization, its users or its records) so the cross-tenant checks cover this table.`,
      );
      continue;
    }
    markers.push(...(await build(world)));
  }
  for (const table of tables) {
    if (fixtureErrors.has(table.name)) continue;
    if ((await aRowsOf(table.name)).length === 0) {
      fixtureErrors.set(
        table.name,
        `FIXTURES["${table.name}"] ran but public.${table.name} holds no row mentioning org A's ids; fix the builder.`,
      );
    }
  }
});

afterAll(() => closeDatabase());

describe("cross-tenant isolation of every table in schema public", () => {
  it("finds the tables to check", () => {
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["organizations", "memberships"]));
  });

  it("exposes no view in schema public that would run with its owner's rights", async () => {
    const views = await withService(async (tx) => {
      const { rows } = await tx.query<{ name: string }>(
        `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('v', 'm')
            and not coalesce('security_invoker=true' = any (c.reloptions), false)`,
      );
      return rows.map((r) => r.name);
    });
    expect(views, "views in public must be `with (security_invoker = true)` so RLS applies to the caller").toEqual([]);
  });

  it("lets org A's own members read org A (control: the checks below are not vacuous)", async () => {
    const seen = await attempt(world.rep.claims, (tx) =>
      tx.query("select id from public.organizations where id = $1", [world.orgId]),
    );
    // rows, not rowCount: PGlite's driver reports rowCount 0 for SELECTs.
    expect(seen.denied ? [] : seen.rows).toHaveLength(1);
  });

  describe.each(tables.map((table) => [table.name, table] as const))("public.%s", (_name, table) => {
    it("has row level security enabled", () => {
      expect(table.rls, `enable row level security on public.${table.name}`).toBe(true);
    });

    it("has fixture rows belonging to org A", () => {
      requireFixture(table.name);
    });

    it(`a member of another organization reads none of org A's rows in ${table.name}`, async () => {
      requireFixture(table.name);
      const result = await attempt(world.outsider.claims, (tx) =>
        tx.query<{ row: string }>(`select to_jsonb(t)::text as row from public.${quote(table.name)} t`),
      );
      if (result.denied) return;
      const leaked = (result.rows as { row: string }[]).filter(({ row }) => markers.some((m) => row.includes(m)));
      expect(leaked, `org B's owner can read org A's rows in public.${table.name}`).toEqual([]);
    });

    it(`a member of another organization changes and deletes none of org A's rows in ${table.name}`, async () => {
      requireFixture(table.name);
      // Every column the authenticated role may update, plus org_id (where the brief of an
      // attacker would be "move it to my organization"); denied and 0 rows are both fine.
      const columns = new Set(table.updatable);
      if (table.columns.includes("org_id")) columns.add("org_id");
      for (const column of columns) {
        const col = quote(column);
        const updated = await attempt(world.outsider.claims, (tx) =>
          tx.query(`update public.${quote(table.name)} t set ${col} = t.${col} where ${mentionsA}`, [markers]),
        );
        expect(updated.rowCount, `org B's owner updated ${column} of org A's rows in public.${table.name}`).toBe(0);
      }
      if (table.columns.includes("org_id")) {
        const moved = await attempt(world.outsider.claims, (tx) =>
          tx.query(`update public.${quote(table.name)} set org_id = org_id where org_id = $1`, [world.orgId]),
        );
        expect(moved.rowCount, `org B's owner updated org A's rows in public.${table.name}`).toBe(0);
        const deletedByOrg = await attempt(world.outsider.claims, (tx) =>
          tx.query(`delete from public.${quote(table.name)} where org_id = $1`, [world.orgId]),
        );
        expect(deletedByOrg.rowCount, `org B's owner deleted org A's rows in public.${table.name}`).toBe(0);
      }
      const deleted = await attempt(world.outsider.claims, (tx) =>
        tx.query(`delete from public.${quote(table.name)} t where ${mentionsA}`, [markers]),
      );
      expect(deleted.rowCount, `org B's owner deleted org A's rows in public.${table.name}`).toBe(0);
      expect(await aRowsOf(table.name)).not.toHaveLength(0);
    });

    it(`a member of another organization cannot insert a copy of an org A row into ${table.name}`, async () => {
      requireFixture(table.name);
      const [original] = await aRowsOf(table.name);
      // Two forgeries: the row as it is (new id), and the row claimed in B's owner's name,
      // which is what a policy like `created_by = auth.uid()` would otherwise stop on its own.
      const userIds = new Set([world.owner.id, world.rep.id]);
      const asIs = { ...original, id: randomUUID() };
      const claimed = Object.fromEntries(
        Object.entries(asIs).map(([key, value]) => [
          key,
          typeof value === "string" && userIds.has(value) ? world.outsider.id : value,
        ]),
      );
      for (const [label, copy] of [
        ["as is", asIs],
        ["in B's owner's name", claimed],
      ] as const) {
        let error: { code?: string; message?: string } | undefined;
        const result = await attempt(world.outsider.claims, (tx) =>
          tx.query(
            `insert into public.${quote(table.name)} (${table.insertable.map(quote).join(", ")})
             select ${table.insertable.map(quote).join(", ")} from jsonb_populate_record(null::public.${quote(table.name)}, $1::jsonb)`,
            [JSON.stringify(copy)],
          ),
        ).catch((e: { code?: string; message?: string }) => {
          error = e;
          return undefined;
        });
        // RLS and privileges are checked before constraints, so only 42501 proves the insert
        // was refused for being someone else's; a unique or foreign-key error would mean it got past them.
        expect(
          error,
          `inserting a copy (${label}) into public.${table.name} failed for another reason: ${error?.code} ${error?.message}`,
        ).toBeUndefined();
        expect(
          result?.denied,
          `org B's owner inserted a copy (${label}) of org A's row into public.${table.name}`,
        ).toBe(true);
      }
    });

    it(`an anonymous visitor reads nothing from ${table.name}`, async () => {
      expect(await anonRowCount(table.name), `anon can read public.${table.name}`).toBe(0);
    });
  });
});

describe("shared vocabulary tables in schema public", () => {
  it("are all found (the list above names no table that is gone)", () => {
    expect(vocabularies.map((t) => t.name).sort()).toEqual([...VOCABULARIES].sort());
  });

  describe.each(vocabularies.map((table) => [table.name, table] as const))("public.%s", (_name, table) => {
    it("has row level security enabled and holds no tenant column", () => {
      expect(table.rls, `enable row level security on public.${table.name}`).toBe(true);
      expect(table.columns.filter((c) => ["org_id", "user_id", "created_by"].includes(c))).toEqual([]);
    });

    it(`any signed-in member reads every row of ${table.name}`, async () => {
      const total = await withService(
        async (tx) => (await tx.query(`select 1 from public.${quote(table.name)}`)).rows.length,
      );
      expect(total).toBeGreaterThan(0);
      const seen = await attempt(world.outsider.claims, (tx) => tx.query(`select 1 from public.${quote(table.name)}`));
      expect(seen.denied ? [] : seen.rows).toHaveLength(total);
    });

    it(`no signed-in member inserts, changes or deletes rows of ${table.name}`, async () => {
      const key = quote(table.columns[0]!);
      const row = Object.fromEntries(table.columns.map((c, i) => [c, i === 0 ? "forged_value" : true]));
      const statements: [string, (tx: Tx) => Promise<{ rows: unknown[]; rowCount: number }>][] = [
        [
          "insert",
          (tx) =>
            tx.query(
              `insert into public.${quote(table.name)} select * from jsonb_populate_record(null::public.${quote(table.name)}, $1::jsonb)`,
              [JSON.stringify(row)],
            ),
        ],
        ["update", (tx) => tx.query(`update public.${quote(table.name)} set ${key} = ${key}`)],
        ["delete", (tx) => tx.query(`delete from public.${quote(table.name)}`)],
      ];
      for (const person of [world.owner, world.outsider]) {
        for (const [command, run] of statements) {
          const outcome = await attempt(person.claims, run);
          expect(outcome.denied, `${command} on public.${table.name} was allowed to a signed-in member`).toBe(true);
        }
      }
    });

    it(`an anonymous visitor reads nothing from ${table.name}`, async () => {
      expect(await anonRowCount(table.name), `anon can read public.${table.name}`).toBe(0);
    });
  });
});

describe("the WhatsApp sending numbers every member may list (lib/channels/sending-numbers.ts)", () => {
  it("a rep lists their organization's WhatsApp numbers; a member of another organization lists none of them, even by naming it", async () => {
    const id = await withRls(world.owner.claims, (tx) =>
      createChannel(tx, world.owner.id, world.orgId, {
        provider: "twilio",
        address: `+4175${String(Math.floor(1_000_000 + Math.random() * 8_999_999))}`,
        capabilities: ["whatsapp"],
        label: "Tenant A WhatsApp",
      }),
    );
    const mine = await withRls(world.rep.claims, (tx) => listWhatsAppSendingNumbers(tx, world.orgId));
    expect(mine).toEqual([expect.objectContaining({ id, label: "Tenant A WhatsApp" })]);
    const theirs = await withRls(world.outsider.claims, (tx) => listWhatsAppSendingNumbers(tx, world.orgId));
    expect(theirs).toEqual([]);
    expect(await withAnon((tx) => listWhatsAppSendingNumbers(tx, world.orgId)).catch(() => [])).toEqual([]);
  });
});

describe("cross-tenant isolation of follow-up tasks", () => {
  it("the owner of B lists none of A's tasks and cannot accept A's task suggestion through lib/tasks", async () => {
    const [taskId, suggestionId] = [await taskOnLeadOfA(world), await suggestionOfA(world)];
    const mine = await withRls(world.rep.claims, (tx) =>
      listTasks(tx, world.orgId, { view: "all", limit: 100 }, CLOCK),
    );
    expect(mine.map((task) => task.id)).toContain(taskId);
    const theirs = await withRls(world.outsider.claims, (tx) =>
      listTasks(tx, world.orgId, { view: "all", limit: 100 }, CLOCK),
    );
    expect(theirs).toEqual([]);
    await expect(
      withRls(world.outsider.claims, (tx) => acceptTaskSuggestion(tx, world.orgId, suggestionId, CLOCK)),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe("cross-tenant isolation of templates, consent and bulk sends (lib/outreach)", () => {
  it("the owner of B lists none of A's templates, reads none of A's consent and opens none of A's bulk-send reports", async () => {
    const [channelId, leadId, runId] = [await channelOfA(world), await leadOfA(world), await runOfA(world)];
    expect(await withRls(world.rep.claims, (tx) => listTemplates(tx, world.orgId, channelId))).not.toEqual([]);
    expect(await withRls(world.outsider.claims, (tx) => listTemplates(tx, world.orgId, channelId))).toEqual([]);
    expect(await withRls(world.outsider.claims, (tx) => consentOf(tx, world.orgId, leadId))).toEqual([]);
    expect(await withRls(world.rep.claims, (tx) => getRunReport(tx, world.orgId, runId))).not.toBeNull();
    expect(await withRls(world.outsider.claims, (tx) => getRunReport(tx, world.orgId, runId))).toBeNull();
    // The sample set is put on a channel only by someone who may see it.
    await withRls(world.outsider.claims, (tx) => ensureSampleTemplates(tx, channelId));
  });
});
