import { approvalsSweepJob, draftJob } from "@/lib/approvals/jobs";
import { inboxSweepJob, processInboundEventJob, sendMessageJob } from "@/lib/inbox/jobs";
import { calendlySweepJob, processCalendlyEventJob } from "@/lib/meetings/jobs";
import type { AnyJob } from "./define";
import { leadsDecayJob, pruneJob } from "./maintenance";
import { deliverJob as notificationsDeliverJob, digestJob as notificationsDigestJob, meetingRemindersJob } from "@/lib/notifications/jobs";

/** Every kind of background work; the worker starts one consumer per entry. */
export const JOB_CATALOG: AnyJob[] = [processInboundEventJob, sendMessageJob, inboxSweepJob, leadsDecayJob, pruneJob, notificationsDeliverJob, notificationsDigestJob, meetingRemindersJob, processCalendlyEventJob, calendlySweepJob, draftJob, approvalsSweepJob];
