import "server-only";
import { rebuildJob as analyticsRebuildJob } from "@/lib/analytics/workers";
import { approvalsSweepJob, draftJob } from "@/lib/approvals/workers";
import { stripeInbound } from "@/lib/billing/ingest";
import { registerInboundHandlers, type InboundHandler } from "@/lib/inbound/handlers";
import { inboundSweepJob, processInboundEventJob } from "@/lib/inbound/workers";
import { twilioInbound, whatsappInbound } from "@/lib/inbox/ingest";
import { emailInbound } from "@/lib/inbox/email-ingest";
import { downloadMediaJob, inboxSweepJob, sendMessageJob, slaSweepJob } from "@/lib/inbox/workers";
import { departedJob as googleDepartedJob } from "@/lib/integrations/google/workers";
import { gmailSyncJob, gmailSyncRunJob } from "@/lib/integrations/google/gmail-workers";
import { mailboxPollJob } from "@/lib/channels/mailbox-workers";
import { calendlyInbound } from "@/lib/meetings/ingest";
import { googleEventJob, googleEventSweepJob } from "@/lib/meetings/workers";
import type { AnyJob } from "./define";
import { leadsDecayJob, pruneJob } from "./maintenance";
import {
  deliverJob as notificationsDeliverJob,
  digestJob as notificationsDigestJob,
  meetingRemindersJob,
} from "@/lib/notifications/workers";
import { dispatchReportsJob, generateReportJob } from "@/lib/reports/workers";
import { bulkStepJob as outreachBulkStepJob, reengageJob, templateSyncJob } from "@/lib/outreach/workers";
import { cleanupJob as sessionStateCleanupJob } from "@/lib/session-state/workers";
import { calendarSweepJob, calendarSyncJob } from "@/lib/sync/workers";
import { taskRemindersJob } from "@/lib/tasks/workers";
import { deliverWebhookJob, webhooksSweepJob } from "@/lib/webhooks/workers";
import { registerSoonHandlers } from "./run-soon";

/** Every kind of background work; the worker starts one consumer per entry. */
export const JOB_CATALOG: AnyJob[] = [
  processInboundEventJob,
  sendMessageJob,
  downloadMediaJob,
  inboxSweepJob,
  slaSweepJob,
  leadsDecayJob,
  pruneJob,
  notificationsDeliverJob,
  notificationsDigestJob,
  meetingRemindersJob,
  inboundSweepJob,
  draftJob,
  approvalsSweepJob,
  analyticsRebuildJob,
  dispatchReportsJob,
  generateReportJob,
  sessionStateCleanupJob,
  outreachBulkStepJob,
  templateSyncJob,
  reengageJob,
  taskRemindersJob,
  googleDepartedJob,
  gmailSyncJob,
  mailboxPollJob,
  gmailSyncRunJob,
  calendarSyncJob,
  calendarSweepJob,
  googleEventJob,
  googleEventSweepJob,
  deliverWebhookJob,
  webhooksSweepJob,
];

/** Every webhook provider's handler for the inbound-event pipeline (lib/inbound): one per provider. */
export const INBOUND_HANDLERS: InboundHandler[] = [
  twilioInbound,
  whatsappInbound,
  calendlyInbound,
  emailInbound,
  stripeInbound,
];

// Loading the catalogue (a composition root does) lets producers' …Soon functions run the first
// attempts, and the inbound-event pipeline process each provider's deliveries.
registerSoonHandlers(JOB_CATALOG);
registerInboundHandlers(INBOUND_HANDLERS);
