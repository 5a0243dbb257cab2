import { inboxSweepJob, processInboundEventJob, sendMessageJob } from "@/lib/inbox/jobs";
import type { AnyJob } from "./define";
import { leadsDecayJob, pruneJob } from "./maintenance";

/** Every kind of background work; the worker starts one consumer per entry. */
export const JOB_CATALOG: AnyJob[] = [processInboundEventJob, sendMessageJob, inboxSweepJob, leadsDecayJob, pruneJob];
