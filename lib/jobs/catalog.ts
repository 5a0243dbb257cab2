import { approvalsSweepJob, draftJob } from "@/lib/approvals/workers";
import { inboxSweepJob, processInboundEventJob, sendMessageJob } from "@/lib/inbox/workers";
import { calendlySweepJob, processCalendlyEventJob } from "@/lib/meetings/workers";
import type { AnyJob } from "./define";
import { leadsDecayJob, pruneJob } from "./maintenance";
import { deliverJob as notificationsDeliverJob, digestJob as notificationsDigestJob, meetingRemindersJob } from "@/lib/notifications/workers";
import { registerSoonHandlers } from "./run-soon";

/** Every kind of background work; the worker starts one consumer per entry. */
export const JOB_CATALOG: AnyJob[] = [processInboundEventJob, sendMessageJob, inboxSweepJob, leadsDecayJob, pruneJob, notificationsDeliverJob, notificationsDigestJob, meetingRemindersJob, processCalendlyEventJob, calendlySweepJob, draftJob, approvalsSweepJob];

// Loading the catalogue (a composition root does) lets producers' …Soon functions run the first attempts.
registerSoonHandlers(JOB_CATALOG);
