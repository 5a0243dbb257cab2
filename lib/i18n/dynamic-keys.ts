/**
 * The message keys the code completes at run time, for the catalogue check
 * (tests/unit/i18n/catalogues.test.ts): that test finds every literal key and every template
 * such as t(`heat.${level}`), and fails on a template prefix that is not declared here, on a
 * declared member without a message, and on a message nobody reads.
 *
 * Each prefix lists exactly the members the code can produce, taken from the constant that
 * enumerates them where one exists, so a new heat level, status or category without a message
 * fails the test; members that only a component or a type enumerates are written out here.
 * Keep this module free of runtime dependencies beyond those pure constants.
 */
import { DRAFT_FAILURE_DETAILS, DRAFT_FAILURES } from "@/lib/ai/failures";
import { AGENT_ROLES, INTENTS, MESSAGE_CHANNELS } from "@/lib/ai/types";
import { PLAN_AGENT_LIMITS } from "@/lib/agents/types";
import { PIPELINE_STEPS } from "@/lib/analytics/funnel";
import { RANGE_KEYS } from "@/lib/analytics/types";
import { DECISION_NOTE_KINDS } from "@/lib/approvals/notes";
import { BILLING_INTERVALS, PLANS, READ_ONLY_REASONS, SUBSCRIPTION_STATUSES } from "@/lib/billing/plans";
import { TASK_STATUSES } from "@/lib/approvals/schema";
import { API_RESOURCES } from "@/lib/auth/api-scopes";
import { ROLES } from "@/lib/auth/roles";
import { CHANNEL_CAPABILITIES, CHANNEL_PROVIDERS, MAIL_ERROR_KINDS, SMTP_SECURITY } from "@/lib/channels/schema";
import { DENSITIES } from "@/lib/dashboard/schema";
import { TAG_COLORS } from "@/lib/inbox/tag-palette";
import {
  CONVERSATION_MEDIA,
  CONVERSATION_STATUSES,
  KILN_SEND_FAILURES,
  MESSAGE_STATUSES,
  WEEKDAYS,
} from "@/lib/inbox/types";
import { OAUTH_ERRORS } from "@/lib/integrations/oauth-errors";
import { GOOGLE_OAUTH_ERRORS, GOOGLE_PARTS } from "@/lib/integrations/google/parts";
import { OPTIONAL_COLUMNS } from "@/lib/leads/columns";
import { INTEGRATION_PROBLEMS } from "@/lib/integrations/problems";
import { eventLabelKey, WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { DELIVERY_ERROR_KINDS } from "@/lib/webhooks/schema";
import { SANDBOX_EVENT_TYPE_KEYS } from "@/lib/integrations/calendly/sandbox-event-types";
import { IMPORT_FIELDS } from "@/lib/leads/csv";
import { REASON_FIELD_LABEL_KEYS, REASON_KEYS, VERBATIM_REASON_KEYS } from "@/lib/leads/reasons";
import { LEAD_EVENT_TYPES, LEAD_SOURCES, LEAD_STATUSES } from "@/lib/leads/schema";
import {
  GOOGLE_EVENT_ERRORS,
  MEETING_RECORD_STATUSES,
  MEETING_STATUS_FILTERS,
  SIMULATED_ACTIONS,
} from "@/lib/meetings/schema";
import { CHANNELS, NOTIFICATION_CATEGORIES } from "@/lib/notifications/categories";
import { DELIVERY_ERRORS } from "@/lib/notifications/delivery-errors";
import {
  BETA_FEATURES,
  DENSITIES as INTERFACE_DENSITIES,
  DIRECTIONS as TEXT_DIRECTIONS,
  HOUR_CYCLES,
  THEMES,
} from "@/lib/preferences/schema";
import {
  CHANNEL_KINDS,
  CONSENT_SOURCES,
  RECIPIENT_REASONS,
  TEMPLATE_CATEGORIES,
  TEMPLATE_STATUSES,
} from "@/lib/outreach/types";
import { VARIABLE_SOURCES } from "@/lib/outreach/variables";
import { RUN_STATUSES } from "@/lib/reports/schema";
import { BANT_DIMENSIONS, BANT_STATUSES, HEAT_LEVELS } from "@/lib/scoring/types";
import { SETTINGS_SECTIONS } from "@/lib/settings-transfer/sections";
import { SYNC_ERRORS, SYNC_JOB_KINDS } from "@/lib/sync/kinds";
import { SNOOZE_PRESETS, TASK_CATEGORIES } from "@/lib/tasks/schema";

const DIRECTIONS = ["inbound", "outbound"] as const;

/**
 * Files whose key-shaped literals are keys in these namespaces although the file creates no
 * translator: renderers handed one already scoped (`t: Translate`), and the writers of stored
 * keys (the scoring engine's explanation lines, rendered later by lib/scoring/render.ts).
 */
export const KEY_SCOPES: Record<string, readonly string[]> = {
  "lib/scoring/render.ts": ["heatLines"],
  "lib/scoring/bant.ts": ["heatLines"],
  "lib/scoring/engagement.ts": ["heatLines"],
  "lib/scoring/evaluate.ts": ["heatLines"],
  "lib/scoring/heat.ts": ["heatLines"],
  "lib/leads/signals.ts": ["heatLines"],
  "lib/notifications/render.ts": ["notificationTexts"],
  "lib/notifications/digest.ts": ["notificationTexts"],
  "lib/leads/reasons.ts": ["timelineReasons"],
  "lib/ai/failures.ts": ["approvals"],
  "lib/approvals/notes.ts": ["approvals"],
  "lib/notifications/delivery-errors.ts": ["notifications"],
  "lib/integrations/problems.ts": ["notificationTexts"],
  "lib/sync/kinds.ts": ["integrations.google.sync"],
  // Keys kept in a table beside the component that reads them: `t(item.labelKey)`, `t(WIDGET_TITLES.heat)`.
  "components/shell/nav-items.ts": ["nav"],
  "components/dashboard/widgets/registry.ts": ["dashboardWidgets"],
};

/**
 * Namespaces whose keys travel as data before anyone renders them: a problem's `detail`
 * (lib/http/errors.ts) and a zod issue's message (lib/http/validation.ts) are keys written
 * wherever the error is raised, so a literal naming one of their keys anywhere counts as a read.
 */
export const KEYS_AS_DATA: readonly string[] = ["problems", "validation"];

/** Prefix → the members the code appends to it (a member may name a subtree: all of it is read). */
export const DYNAMIC_KEYS: Record<string, readonly string[]> = {
  roles: ROLES,
  // The invitation page names every status but "pending" (lib/orgs/invitations.ts).
  invite: ["accepted", "revoked", "expired"],
  "apiKeys.resources": API_RESOURCES,
  "agents.roles": AGENT_ROLES,
  // The reply languages offered in components/agents/agent-form.tsx.
  "agents.languages": ["en", "de", "de-CH", "fr", "it", "es", "nl", "pt"],
  "agents.plan.names": Object.keys(PLAN_AGENT_LIMITS),
  "billing.plans": PLANS,
  "billing.statuses": SUBSCRIPTION_STATUSES,
  "billing.readOnly": READ_ONLY_REASONS,
  "billing.intervals": BILLING_INTERVALS,
  "approvals.status": TASK_STATUSES,
  "approvals.statusLine": TASK_STATUSES,
  // The kinds the queue lists (components/approvals/types.ts); the other task kinds have no queue yet.
  "approvals.kind": ["message_approval", "manual_review"],
  "approvals.channel": MESSAGE_CHANNELS,
  "approvals.intent": INTENTS,
  "approvals.review.reasons": DRAFT_FAILURES,
  // A failed draft's stored detail kind (lib/ai/failures.ts).
  "approvals.review.details": DRAFT_FAILURE_DETAILS,
  // Why a task was superseded or expired (lib/approvals/notes.ts).
  "approvals.decisionNotes": DECISION_NOTE_KINDS,
  // components/approvals/queue-filters.tsx, reject-dialog.tsx, task-detail.tsx.
  "approvals.filters.olderThan": ["15", "60", "240", "1440"],
  "approvals.reject.presets": ["tone", "facts", "noReply", "human"],
  "approvals.feedback": ["up", "down"],
  "channels.providers": CHANNEL_PROVIDERS,
  "channels.capabilityNames": CHANNEL_CAPABILITIES,
  "channels.mailboxServers.errors": MAIL_ERROR_KINDS,
  "channels.mailboxServers.securities": SMTP_SECURITY,
  "dashboardShell.ranges": RANGE_KEYS,
  "dashboardShell.density": DENSITIES,
  "dashboardWidgets.levels": HEAT_LEVELS,
  "dashboardWidgets.channels": CONVERSATION_MEDIA,
  "dashboardWidgets.pipeline.steps": PIPELINE_STEPS,
  // components/dashboard/widgets/meetings-widget.tsx: the funnel's steps, and the lists they open.
  "dashboardWidgets.meetings": ["qualified", "booked", "held"],
  "dashboardWidgets.meetings.open": ["qualified", "booked", "held", "no_show", "canceled"],
  "dashboardWidgets.conversations": DIRECTIONS,
  "dashboardWidgets.conversations.open": DIRECTIONS,
  "dashboardWidgets.conversations.series": DIRECTIONS,
  "dashboardWidgets.conversations.status": CONVERSATION_STATUSES,
  // The table columns and compared numbers of components/dashboard/widgets/agents-widget.tsx.
  "dashboardWidgets.agents.columns": [
    "name",
    "drafts",
    "approved",
    "approvalRate",
    "edited",
    "avgEditDistance",
    "rejected",
    "meetingsBooked",
    "leadsQualified",
  ],
  "inbox.medium": CONVERSATION_MEDIA,
  // Settings → Inbox (components/settings/conversation-handling): tag colours and working days.
  "conversationHandling.tags.colors": TAG_COLORS,
  "conversationHandling.sla.days": WEEKDAYS,
  // The status tabs add "all" (components/inbox/query.ts STATUS_TABS).
  "inbox.status": [...CONVERSATION_STATUSES, "all"],
  "inbox.message.status": MESSAGE_STATUSES,
  "inbox.message.failures": KILN_SEND_FAILURES,
  // The scheduling integration's connection status, or "sandbox" without an OAuth app.
  "integrations.status": ["connected", "needs_reauth", "error", "disconnected", "sandbox"],
  // The OAuth callback's error codes, explained by components/settings/integrations/integrations-panel.tsx.
  "integrations.errors": OAUTH_ERRORS,
  // Google's callback codes and the parts of a connection (components/settings/integrations/google-card.tsx).
  "integrations.google.errors": GOOGLE_OAUTH_ERRORS,
  "integrations.google.parts": GOOGLE_PARTS,
  // A sync per part: its heading, a running job's kind, a failed job's error (google-sync.tsx, lib/sync/kinds.ts).
  "integrations.google.sync.title": GOOGLE_PARTS,
  "integrations.google.sync.running": SYNC_JOB_KINDS,
  "integrations.google.sync.errors": SYNC_ERRORS,
  // The queues a dead letter can come from (components/settings/jobs/job-failures-panel.tsx).
  "jobs.queues": ["processEvent", "sendMessage", "sweep", "decay", "prune"],
  // Outbound webhooks (components/settings/webhooks/webhooks-panel.tsx): event types, failed attempts, who started a chain.
  "webhooks.eventTypes": WEBHOOK_EVENT_TYPES.map(eventLabelKey),
  "webhooks.errorKinds": DELIVERY_ERROR_KINDS,
  "webhooks.triggers": ["test", "resend"],
  "leads.heat": HEAT_LEVELS,
  "leads.bant": BANT_DIMENSIONS,
  "leads.bantPlaceholder": BANT_DIMENSIONS,
  "leads.bantStatus": BANT_STATUSES,
  "leads.status": LEAD_STATUSES,
  "leads.source": LEAD_SOURCES,
  "leads.conversations.status": CONVERSATION_STATUSES,
  // Lead list columns a user can show.
  "leads.columns": OPTIONAL_COLUMNS,
  // A timeline event's actor: "system" is read by name, a user or agent without a name by type.
  "leads.actor": ["user", "agent", "webhook"],
  // A timeline entry's title, by its type (components/leads/lead-timeline.tsx).
  "leads.events": LEAD_EVENT_TYPES,
  // The lead form's field labels, which name the fields an update, import merge or bulk update changed
  // (lib/leads/reasons.ts REASON_FIELD_LABELS).
  "leads.fields": REASON_FIELD_LABEL_KEYS,
  // The fields a CSV column can map to (lib/leads/csv.ts IMPORT_FIELDS) and the report's counts.
  "leads.import.fields": IMPORT_FIELDS,
  "leads.import.report": ["total", "created", "merged", "skipped"],
  // The meetings page's tabs ("all" is an API filter, not a tab).
  "meetings.tab": ["upcoming", "past"],
  // Why writing a meeting to Google Calendar failed (components/meetings/meeting-item.tsx).
  "meetings.googleCalendar.errors": GOOGLE_EVENT_ERRORS,
  "meetings.status": [...new Set([...MEETING_STATUS_FILTERS, ...MEETING_RECORD_STATUSES])],
  "meetings.simulate": SIMULATED_ACTIONS,
  "notifications.category": NOTIFICATION_CATEGORIES,
  "notifications.settings.categoryHint": NOTIFICATION_CATEGORIES,
  "notifications.channel": CHANNELS,
  // A delivery's state (public.notification_deliveries.status).
  "notifications.delivery": ["pending", "held", "sent", "failed", "skipped"],
  // Why a delivery was not made (lib/notifications/delivery-errors.ts).
  "notifications.deliveryErrors": DELIVERY_ERRORS,
  // Meeting notifications render `${kind}.title` / `${kind}.message` (lib/notifications/render.ts).
  notificationTexts: [
    "meeting_booked",
    "meeting_canceled",
    "meeting_rescheduled",
    "meeting_no_show",
    "meeting_reminder",
  ],
  "notificationTexts.approval_requested.failure": DRAFT_FAILURES,
  // An integration's stored problem kinds (lib/integrations/problems.ts).
  "notificationTexts.integration_failing.problems": INTEGRATION_PROBLEMS,
  "preferences.interface.themes": THEMES,
  "preferences.interface.directions": TEXT_DIRECTIONS,
  "preferences.interface.densities": INTERFACE_DENSITIES,
  "preferences.data.hourCycles": HOUR_CYCLES,
  "preferences.features.betas": BETA_FEATURES,
  "preferences.features.betaHints": BETA_FEATURES,
  "preferences.integrations.sandboxEventTypes": SANDBOX_EVENT_TYPE_KEYS,
  "settingsTransfer.sections": SETTINGS_SECTIONS,
  "reports.settings.statuses": RUN_STATUSES,
  // A task's category and the snoozes offered (components/tasks/task-item.tsx), the sections of "My tasks".
  "tasks.categories": TASK_CATEGORIES,
  "tasks.snooze": SNOOZE_PRESETS,
  "tasks.sections.empty": ["overdue", "today", "upcoming"],
  // Templates, consent and bulk sends (components/outreach).
  "outreach.categories": TEMPLATE_CATEGORIES,
  "outreach.statuses": TEMPLATE_STATUSES,
  "outreach.sources": [...VARIABLE_SOURCES, "typed"],
  "outreach.blocked": ["opted_out", "needs_opt_in"],
  "outreach.kinds": CHANNEL_KINDS,
  "outreach.consent.status": ["opted_in", "opted_out", "unknown"],
  "outreach.consent.sources": CONSENT_SOURCES,
  "outreach.bulk.heats": HEAT_LEVELS,
  "outreach.report.counts": ["sent", "skipped", "failed", "pending"],
  "outreach.report.status": ["running", "done", "cancelled"],
  "outreach.report.outcomes": ["pending", "sent", "skipped", "failed"],
  "outreach.report.reasons": RECIPIENT_REASONS,
  "reports.settings.errorKinds": ["generation", "email"],
  "reports.pdf.levels": HEAT_LEVELS,
  "reports.pdf.pipeline.steps": PIPELINE_STEPS,
  // A lead event's stored reason_key, rendered by lib/leads/reasons.ts; heat changes are worded by
  // their own messages and the verbatim keys carry text, not a key.
  timelineReasons: REASON_KEYS.filter((key) => key !== "heat_changed" && !VERBATIM_REASON_KEYS.includes(key)),
};
