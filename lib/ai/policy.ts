import { REPLY_LIMITS } from "./limits";
import type { DraftRequest, DraftResult } from "./types";

/**
 * Checks a draft against the rules no lead text may override, whoever wrote it (a model or the
 * rules): channel length, no discounts or free offers the business prompt does not contain, no
 * links other than the agent's scheduling link or ones in its own prompts. A violation sends the
 * model one corrective retry; it is never silently "fixed".
 */
const DISCOUNT = /\b(discount|rabatt|nachlass|\d{1,3}\s?%\s?(?:off|rabatt|discount|günstiger|cheaper)|for free|free of charge|kostenlos|gratis|umsonst|coupon|gutschein|promo code)\b/iu;
const URL = /\bhttps?:\/\/[^\s)>\]"']+/giu;

export function policyViolations(result: DraftResult, request: DraftRequest): string[] {
  const problems: string[] = [];
  const limit = REPLY_LIMITS[request.channel];
  if (result.reply.length > limit) problems.push(`reply is ${result.reply.length} characters; the ${request.channel} limit is ${limit}`);
  const trusted = `${request.agent.business}\n${request.agent.objectives}\n${request.agent.personality}`;
  const offer = DISCOUNT.exec(result.reply);
  if (offer && !DISCOUNT.test(trusted)) problems.push("reply offers a discount or free service that the business prompt does not allow");
  for (const url of result.reply.match(URL) ?? []) {
    const clean = url.replace(/[.,;:!?]+$/, "");
    const allowed = (request.agent.schedulingUrl && clean.startsWith(request.agent.schedulingUrl.replace(/[.,;:!?]+$/, ""))) || trusted.includes(clean);
    if (!allowed) problems.push("reply contains a link that is not the agent's scheduling link");
  }
  return problems;
}
