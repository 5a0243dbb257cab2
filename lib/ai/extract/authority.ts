import type { BantFinding } from "@/lib/ai/types";
import { finding } from "./finding";
import {
  CANNOT_DECIDE,
  DECIDER_TITLES,
  INFLUENCER_ROLES,
  JUST,
  NEEDS_OTHERS,
  NON_DECIDER_ROLES,
  OWN_HOME,
  SELF_DECIDES,
  SELF_INTRO,
} from "./lexicon/authority";
import { COMMIT } from "./lexicon/budget";
import { cues } from "./lexicon/cues";
import { re, splitClauses, type Clause } from "./rx";
import { aboutSomeoneElse, negatedAt } from "./scope";

/**
 * Authority, by the issue's definitions, in English, German (incl. Swiss) and Hebrew.
 * - confirmed: the writer decides or signs: a deciding title of their own ("I'm the CFO", "ich bin
 *   Inhaber", "אני מנכ"ל", or the title under their name in a signature), "I sign", "I award the
 *   contract", owning what the work is for ("our own house", "wir sind Eigentümer"), or accepting
 *   an offer themselves ("we'll take it, send the contract").
 * - partial: an influencer or one of several signatories, or someone else's approval that is not
 *   refused ("check with my boss", "the partners make the final call", landlord approval pending).
 * - disqualified: explicitly cannot decide (a student or intern, "I have no say", a tenant whose
 *   landlord refused, no longer at the company).
 * - unknown (null): not addressed.
 * A refusal of authority outranks a need for approval, which outranks a title: "I'm the branch
 * manager, but head office signs off" is partial.
 */
const TITLE = cues(DECIDER_TITLES, "g");
const SELF_DECIDES_RX = cues(SELF_DECIDES);
const NEEDS_OTHERS_RX = cues(NEEDS_OTHERS);
const CANNOT_RX = cues(CANNOT_DECIDE);
const NON_DECIDER_RX = cues(NON_DECIDER_ROLES, "g");
const INFLUENCER_RX = cues(INFLUENCER_ROLES, "g");
const JUST_RX = cues(JUST);
const SELF_INTRO_RX = cues(SELF_INTRO);
const COMMIT_RX = cues(COMMIT);
const OWN_HOME_RX = cues(OWN_HOME);
/** The words right before a title that make it the writer's own: "I'm the", "ich bin", "אני". */
const SELF_BEFORE = re(
  `(?:${SELF_INTRO_RX.source})(?:\\s+(?:the|a|an|our|der|die|das|de|d|e|en|eine?|unser\\w*|hier|here|at|bei|co|sole|also|auch|now|jetzt|currently|aktuell|just|only|nur|lediglich|ה))?(?:\\s+(?:retired|proud|new|current|acting|interim))?\\s*$`,
);
/** Someone else's title: "our CEO", "the owner", "mit dem Chef", "for him and our Head of HR". */
const OTHERS_TITLE_BEFORE = re(
  String.raw`\b(?:our|my|your|the|their|his|her|its|to|with|for|and|by|from|cc|ask|unser\w*|mein\w*|ihr\w*|sein\w*|der|die|den|dem|des|mit|für|an|von|vom|zum|zur|und|em|de|eusi|eure)\s*$|(?:^|\s)(?:עם|את|אל|של|לפי|כמו|ל|מה)\s*$`,
);
/** A capitalised name right before a title: the signature block "Martin Keller, Owner". */
const NAME_BEFORE = /(?:^|[\s,(])\p{Lu}[\p{Ll}'’.-]+\s*[,|/–-]?\s*$/u;
/** Hebrew signatures: "דנה לוי, מנכ"לית" or "דנה לוי | בעלים". */
const HE_SIGNATURE_BEFORE = /\p{Script=Hebrew}{2,}\s*[,|–-]?\s*$/u;
const HE_POSSESSIVE_AFTER = /^\s*(?:של\p{L}*|שלנו|שלי)/u;
const ASSISTANT = re(
  String.raw`\b(?:assistant to|pa to|ea to|executive assistant|assistent(?:in)? (?:der|des)|sekretär(?:in)?|עוזר(?:ת)? אישי(?:ת)?)\b`,
);
const ASKS = /\?\s*$/;
const HE_TITLES = new Set(DECIDER_TITLES.he);
/** A condition, not a wish: "if the board approves" (a "would" alone does not make "we own the house" less true). */
const CONDITION = re(
  String.raw`\b(?:if|unless|provided|assuming|in case|should the|falls|wenn|sofern|sött|sollte|angenommen)\b|(?:^|\s)(?:אם|במידה)\s`,
);
/** "I decide myself", "darf selbst zusagen": the writer's own authority even when acting for someone. */
const DECIDES_ALONE = re(
  String.raw`\b(?:selbst|myself|alone|allein\w*|on my own|final (?:decision|say|call)|letzte wort)\b`,
);

type Found = { finding: BantFinding; rank: number };

const capitalised = (s: string) => s.replace(/(^|\s)(\p{Ll})/gu, (_, sp: string, ch: string) => sp + ch.toUpperCase());
const ACRONYMS = new Set(["ceo", "cfo", "coo", "cto", "cio", "cmo", "cpo", "md", "gf", "vp"]);

/** "chief financial officer" → "Chief Financial Officer", "ceo" → "CEO", Hebrew kept as written. */
function roleLabel(raw: string): string {
  const key = raw.trim().replace(/\s+/g, " ");
  if (/\p{Script=Hebrew}/u.test(key)) return key.replace(/^[ובהלמשכ](?=\p{Script=Hebrew}{2})/u, "");
  const lower = key.toLowerCase();
  if (ACRONYMS.has(lower)) return lower.toUpperCase();
  if (/\p{Lu}/u.test(key)) return key; // written with capitals ("IT-Leiter", "Chief Financial Officer"): keep the writer's form
  return capitalised(lower)
    .replace(/\b(Of|And)\b/g, (w) => w.toLowerCase())
    .replace(/\b(Vp|Ceo|Cfo|Cto|Coo|Cio|It)\b/g, (w) => w.toUpperCase());
}

/** The writer's own deciding title in a clause, or null: introduced by "I'm"/"ich bin"/"אני" or signed under a name. */
function ownTitle(c: string): { label: string; index: number; end: number; just: boolean } | null {
  for (const m of c.matchAll(TITLE)) {
    const before = c.slice(Math.max(0, m.index - 40), m.index);
    const hebrew = /\p{Script=Hebrew}/u.test(m[0]);
    const after = c.slice(m.index + m[0].length);
    const end = m.index + m[0].length;
    if (SELF_BEFORE.test(before))
      return { label: roleLabel(m[0]), index: m.index, end, just: JUST_RX.test(before.slice(-25)) };
    if (OTHERS_TITLE_BEFORE.test(before)) continue;
    if (hebrew) {
      if (!HE_TITLES.has(m[0].trim())) continue; // a prefixed title ("הבעלים", "למנכ"ל"): someone else's
      if (HE_POSSESSIVE_AFTER.test(after)) continue;
      if (HE_SIGNATURE_BEFORE.test(before) || /[,|–-]\s*$/.test(before))
        return { label: roleLabel(m[0]), index: m.index, end, just: false };
      continue;
    }
    // A signature: a capitalised name, then the title (and usually the company) with no verb after it
    if (
      !ASKS.test(c) &&
      NAME_BEFORE.test(before) &&
      /^\p{Lu}|^[a-z]{2,3}\b/u.test(m[0]) &&
      !/^\s*(?:has|must|will|needs|decides|is|muss|wird|entscheidet|ist)\b/iu.test(after)
    )
      return { label: roleLabel(m[0]), index: m.index, end, just: false };
  }
  return null;
}

/** A role of `rx` the writer holds: "I'm an intern", "summer intern here", "ich bin Werkstudent". */
function ownRole(c: string, rx: RegExp): number {
  for (const m of c.matchAll(rx)) {
    const before = c.slice(Math.max(0, m.index - 45), m.index);
    if (OTHERS_TITLE_BEFORE.test(before)) continue;
    if (
      SELF_INTRO_RX.test(before) ||
      /^\W*(?:\p{L}+\W+){0,3}$/u.test(before) ||
      /^\s*(?:\p{L}+\s+){0,4}here\b/iu.test(c.slice(m.index + m[0].length))
    )
      return m.index;
  }
  return -1;
}

function readClause(clause: Clause, text: string): Found[] {
  const c = clause.text;
  const out: Found[] = [];
  const push = (status: BantFinding["status"], value: string | null, i: number, confidence: number, rank: number) =>
    out.push({ finding: finding(status, value, text, clause.start + i, confidence), rank });
  const conditional = CONDITION.test(c);
  let m: RegExpExecArray | null;
  if ((m = CANNOT_RX.exec(c)) && !conditional && !ASKS.test(c)) push("disqualified", "Cannot decide", m.index, 0.85, 3);
  const nonDecider = ownRole(c, NON_DECIDER_RX);
  if (nonDecider >= 0 && !conditional) push("disqualified", "No purchasing role", nonDecider, 0.8, 3);
  const influencer = ownRole(c, INFLUENCER_RX);
  if (influencer >= 0 && SELF_INTRO_RX.test(c.slice(Math.max(0, influencer - 45), influencer)) && !conditional)
    push("partial", "Influencer", influencer, 0.65, 2);
  const title = ownTitle(c);
  // "I'm the CEO and I make the final call": the writer's own title is not someone else who decides
  const others = title ? c.slice(0, title.index) + " ".repeat(title.end - title.index) + c.slice(title.end) : c;
  if ((m = NEEDS_OTHERS_RX.exec(others) ?? ASSISTANT.exec(c)) && !ASKS.test(c))
    push("partial", "Needs sign-off", m.index, 0.8, 2);
  if (aboutSomeoneElse(c)) return out;
  if (title) {
    if (title.just) push("partial", `Influencer: ${title.label}`, title.index, 0.6, 2);
    else if (/^(?:co-?owner|mitinhaber|miteigentümer)/iu.test(title.label))
      push("partial", "One of several owners", title.index, 0.8, 2);
    else push("confirmed", title.label, title.index, 0.85, 1);
  }
  if (
    (m = SELF_DECIDES_RX.exec(c)) &&
    !negatedAt(c, m.index) &&
    !conditional &&
    (!ASKS.test(c) || /sign|unterschreib/iu.test(m[0]))
  )
    push(
      "confirmed",
      title && !title.just ? title.label : "Decision maker",
      m.index,
      0.85,
      DECIDES_ALONE.test(c) ? 2.5 : 1,
    );
  else if ((m = COMMIT_RX.exec(c)) && !negatedAt(c, m.index) && !conditional)
    push("confirmed", "Accepts the offer", m.index, 0.7, 1);
  // "Can you fit it on our roof?" asks; "Our roof leaks" tells us whose roof it is
  else if ((m = OWN_HOME_RX.exec(c)) && !conditional && !ASKS.test(c)) push("confirmed", "Homeowner", m.index, 0.7, 1);
  return out;
}

/** "I can recommend it to the management": whoever says so cannot sign but influences (partial). */
const INFLUENCES = re(
  String.raw`\bi (?:can|could|will|'ll|would) (?:recommend|push for|advocate|put in a good word)\b`,
);

export function extractAuthority(text: string): BantFinding | null {
  const found = splitClauses(text).flatMap((p) => readClause(p, text));
  if (!found.length) return null;
  // Disqualified beats partial beats confirmed; within a status the most certain reading wins.
  const top = Math.max(...found.map((f) => f.rank));
  const best = found
    .filter((f) => f.rank === top)
    .reduce((a, b) => (b.finding.confidence > a.finding.confidence ? b : a)).finding;
  // "can't sign, but I can recommend it" is an influencer, not someone without any say
  if (best.value === "Cannot decide" && INFLUENCES.test(text))
    return { ...best, status: "partial", value: "Influencer" };
  return best;
}
