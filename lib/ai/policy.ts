import { parse as parseDomain } from "tldts";
import { REPLY_LIMITS } from "./limits";
import type { DraftRequest, DraftResult } from "./types";

/**
 * Checks a draft against the rules no lead text may override, whoever wrote it (a model or the
 * rules): channel length, no discounts or free offers the business prompt does not contain, no
 * links other than the agent's scheduling link or ones to the organization's own sites (hosts its
 * own prompts link to). A violation sends the model one corrective retry; it is never silently "fixed".
 */
const DISCOUNT =
  /\b(discount|rabatt|nachlass|\d{1,3}\s?%\s?(?:off|rabatt|discount|günstiger|cheaper)|for free|free of charge|kostenlos|gratis|umsonst|coupon|gutschein|promo code)\b/iu;
/** Anything with a scheme, whatever its host (names, IP addresses). */
const SCHEMED = /\bhttps?:\/\/[^\s)>\]"']+/giu;
/**
 * A link without a scheme, which phones and mail clients turn into a link all the same:
 * host labels with a dot, an optional port and path. Not preceded by `@` (an email address) or
 * a word character (the middle of a token).
 */
const BARE =
  /(?<![\p{L}\p{N}_@.-])((?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}[\p{L}\p{N}-]*)(:\d{1,5})?((?:[/?#][^\s)>\]"']*)?)/giu;
const TRAILING = /[.,;:!?]+$/;

/**
 * Whether a scheme-less candidate is meant as a link: `www.` or a path/port says so (`evil.example/pay`,
 * `bit.ly/x`); a bare name counts when its ending is a real top-level domain (`evil.com`), which
 * keeps `Node.js`, `e.g.` and version numbers out.
 */
function isBareLink(host: string, port: string | undefined, path: string): boolean {
  if (/^www\./i.test(host) || port || path.startsWith("/")) return true;
  return parseDomain(host).isIcann === true;
}

/** Every link in a text, as written (trailing sentence punctuation removed). */
export function findLinks(text: string): string[] {
  const links: string[] = [];
  const rest = text.replace(SCHEMED, (url) => {
    links.push(url.replace(TRAILING, ""));
    return " ";
  });
  for (const match of rest.matchAll(BARE)) {
    const [, host, port, path = ""] = match;
    if (isBareLink(host!, port, path)) links.push(`${host}${port ?? ""}${path}`.replace(TRAILING, ""));
  }
  return links;
}

/** Scheme-insensitive form for comparing: `https://www.Acme.de/x` → `acme.de/x`. */
function normalized(link: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(link) ? link : `https://${link}`;
  try {
    const url = new URL(withScheme);
    const host = url.host.toLowerCase().replace(/^www\./, "");
    return `${host}${url.pathname === "/" && !/\/$/.test(link) ? "" : url.pathname}${url.search}${url.hash}`;
  } catch {
    return link.toLowerCase();
  }
}
const hostOf = (link: string) => normalized(link).split(/[/?#]/)[0]!;

export function policyViolations(result: DraftResult, request: DraftRequest): string[] {
  const problems: string[] = [];
  const limit = REPLY_LIMITS[request.channel];
  if (result.reply.length > limit)
    problems.push(`reply is ${result.reply.length} characters; the ${request.channel} limit is ${limit}`);
  const trusted = `${request.agent.business}\n${request.agent.objectives}\n${request.agent.personality}`;
  const offer = DISCOUNT.exec(result.reply);
  if (offer && !DISCOUNT.test(trusted))
    problems.push("reply offers a discount or free service that the business prompt does not allow");
  const scheduling = request.agent.schedulingUrl ? normalized(request.agent.schedulingUrl.replace(TRAILING, "")) : null;
  const ownHosts = new Set(findLinks(trusted).map(hostOf));
  for (const link of findLinks(result.reply)) {
    const form = normalized(link);
    const allowed = (scheduling && form.startsWith(scheduling)) || ownHosts.has(hostOf(link));
    if (!allowed) problems.push("reply contains a link that is not the agent's scheduling link");
  }
  return problems;
}
