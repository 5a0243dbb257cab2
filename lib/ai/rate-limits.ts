/**
 * On-demand AI runs on the operator's key (suggest a reply, the agent test console): limited
 * per person and per organization so one member cannot run up the bill or the queue.
 * Drafts for inbound messages go through the job queue and are not limited here.
 */
import { defineLimit } from "@/lib/http/rate-limit";

export const AI_RUNS_PER_USER = defineLimit({
  scope: "ai-on-demand:user",
  windowSeconds: 10 * 60,
  max: 30,
  message: "limitAiUser",
});

export const AI_RUNS_PER_ORGANIZATION = defineLimit({
  scope: "ai-on-demand:organization",
  windowSeconds: 60 * 60,
  max: 300,
  message: "limitAiOrganization",
});

/** The limits one on-demand run by `userId` in `orgId` counts against. */
export const aiRunLimits = (userId: string, orgId: string) => [
  { limit: AI_RUNS_PER_USER, key: userId },
  { limit: AI_RUNS_PER_ORGANIZATION, key: orgId },
];
