import type { BantFinding } from "@/lib/ai/types";
import { finding, HEDGE, strongest } from "./finding";
import { re, splitClauses } from "./rx";

/**
 * Need.
 * - confirmed: the lead names what they need or the pain behind it ("we need solar for our
 *   warehouse", "looking for a CRM", "our bills have doubled", "wir brauchen eine Wärmepumpe").
 * - partial: interest without a concrete need ("just exploring", "send me more info", "könnte
 *   interessant sein"), or a price question about one of the products the business sells.
 * - disqualified: "not interested", "kein Bedarf", "we already have a solution and are happy",
 *   "signed with another provider".
 * The products the agent sells (from its business prompt) widen what counts as a need.
 */
const DESIRE = re(
  String.raw`\b(?:we|i|they|he|she|our \p{L}+(?: \p{L}+)?)(?:\s+|(?='))(?:really |urgently |definitely |also |still |now |just )?(?:need|needs|require|requires|want|would like|'d like|are looking for|'re looking for|am looking for|'m looking for|are interested in|'re interested in|plan to|are planning to|'re planning to|are thinking of|'re thinking of|are thinking about|are considering|'re considering)\s+(.+)`,
);
const LOOKING = re(
  String.raw`\b(?:looking for|in need of|interested in|request(?:ing)? a quote for|an offer for|a quote for)\s+(.+)`,
);
const GERMAN_DESIRE = re(
  String.raw`\b(?:wir|ich|er|sie|unser\p{L}* \p{L}+)\s+(?:brauchen|braucht|brauche|benötigen|benötigt|benötige|suchen|sucht|suche|möchten|möchte|wollen|will|planen|bräuchten|hätten gerne|interessieren uns für)\s+(?:(?:dringend|eigentlich|auch|noch|jetzt|gerne|irgendwann|unbedingt|bis \p{L}+)\s+)*(.+)`,
);
const GERMAN_INVERTED = re(
  String.raw`\b(?:brauchen|benötigen|suchen|möchten|wollen|planen|bräuchten)\s+(?:wir|ich)\s+(?!nicht\b|kein)(?:(?:dringend|eigentlich|auch|noch|jetzt|gerne|unbedingt)\s+)*(.+)`,
);
/** Money earmarked for something names the need: "€45,000 for a rooftop system", "für die PV-Anlage … Budget". */
const EARMARKED = re(
  String.raw`\b(?:budget\w*|approved|set aside|allocated|available|eingeplant|vorgesehen|bereit|bewilligt|freigegeben)\b[^.?!]{0,40}?(?<!waiting\s|warten\s)\b(?:for|für)\s+((?!this\b|that\b|it\b|das\b|dies\w*\b|so etwas\b)[^.?!,;]{3,80})` +
    String.raw`|\d(?:k|\s?(?:chf|eur|euros?|€|\$|£|franken|dollars?))\s+(?:for|für)\s+((?!this\b|that\b|it\b|das\b|dies\w*\b)[^.?!,;]{3,60})` +
    String.raw`|\b(?:für|for)\s+((?!this\b|that\b|it\b|das\b|dies\w*\b)(?:die|den|das|unsere?n?|eine?n?|a|an|the|our)\s+[^.?!,;:]{3,60}?)\s+(?:haben wir|stehen|ist|sind|have we|we have)\b[^.?!]{0,40}\b(?:budget|chf|eur|€|\$|franken|euro|millionen|mio)`,
);
const GOING = re(
  String.raw`\b(?:we'?re|we are|are)\s+going\s+(solar|green|electric|for (?:a|an|the)\s+[^.?!,;]{3,60})`,
);
const GERMAN_NEED_VERB_LAST = re(
  String.raw`\b(?:wir|ich)\s+(?:brauchen|benötigen)\s+(?:\p{L}+\s+){0,4}(?:dringend|bis)\b`,
);
const PAIN = re(
  String.raw`\b(?:our|my) (?:biggest |main |real )?(?:pain|problem|issue|challenge|headache)s? (?:is|are)\s+(.+)` +
    String.raw`|\b(?:bills?|costs?|prices?)\b[^.?!]{0,20}\b(?:doubled|tripled|exploded|gone up|risen|skyrocketed|killing us)\b` +
    String.raw`|\b(?:outages?|breakdowns?|downtime)\b[^.?!]{0,30}\b(?:killing|hurting|costing)\b` +
    String.raw`|\b(?:stromrechnung|stromkosten|energiekosten|kosten)\b[^.?!]{0,20}\b(?:explodiert|verdoppelt|gestiegen)\b` +
    String.raw`|\bmüssen (?:dringend )?etwas tun\b|\bbedarf an\s+(.+)`,
);
/** Objects that carry no need of their own: "we need a decision by March", "wir brauchen das bis …". */
const EMPTY_OBJECT = re(
  String.raw`^(?:it|this|that|them|these|those|one|a decision|to decide|to check|to talk|to discuss|to think|to know|to see|to wait|to start|to begin|to meet|to schedule|to book|to hear|to get back|to have (?:it|this|that|them)|more (?:info|information|time)|some time|time|to be sure|your|das|es|dies|diese[sn]?|zeit|eine entscheidung|mehr zeit)\b`,
);
/** German puts the verb last: "wir möchten nächsten Monat starten" names a start, not a need. */
const GERMAN_EMPTY_VERB = re(
  String.raw`\b(?:starten|beginnen|loslegen|anfangen|telefonieren|sprechen|besprechen|wissen|überlegen|abwarten|treffen|entscheiden)\s*[.!?]?$`,
);

/** "das" is empty in "wir brauchen das bis Mai" but not in "wir brauchen das CRM" (a noun follows). */
function emptyObject(object: string): boolean {
  if (/^(?:das|es)\s+\p{Lu}/u.test(object)) return false;
  return EMPTY_OBJECT.test(object);
}

const EXPLORING = re(
  String.raw`\b(?:just|only|mainly|erstmal|erst mal|nur)\s+(?:exploring|looking|browsing|researching|comparing|informieren|umschauen|schauen)\b|\bexploring options\b|\b(?:might|may|could) be (?:interesting|relevant|useful)\b|\binteresting for us\b|\b(?:könnte|wäre|dürfte)\b[^.?!]{0,20}\binteressant\b|\binformieren uns\b|\bsend (?:me |us )?(?:more |some )?(?:info|information|details|a brochure|the brochure|brochure)\b|\bbrochure\b|\b(?:unterlagen|infos|informationen|prospekt)\b[^.?!]{0,20}\b(?:schicken|senden|zusenden)\b|\b(?:schicken|senden)\b[^.?!]{0,30}\b(?:unterlagen|infos|informationen|prospekt)\b|\bsounds (?:great|good|interesting)\b|\bklingt (?:gut|interessant|spannend)\b`,
);
const PRICE_QUESTION = re(String.raw`\b(?:cost|costs|price|prices|pricing|how much|kostet|kosten|preis|preise)\b`);

const NOT_INTERESTED = re(
  String.raw`\bnot (?:really )?interested\b|\bno (?:longer )?(?:need|interest)\b|\bdon'?t need\b|\bno longer need\b|\bkein(?:en)? (?:bedarf|interesse)\b|\bbrauchen (?:wir|ich) (?:nicht|kein\w*)\b|\bnicht (?:mehr )?interessiert\b` +
    String.raw`|\b(?:already|just) (?:have|has|signed|bought|installed|went with|chose|picked)\b[^.?!]{0,50}\b(?:works? fine|happy|satisfied|another|other|different|competitor|provider|supplier|vendor|no need|last)\b` +
    String.raw`|\b(?:signed|went|gone) with (?:another|a different|someone else|a competitor)\b` +
    String.raw`|\b(?:haben|habe|hat)\s+(?:bereits|schon)\s+(?:eine?n?|unsere?)\b[^.?!]{0,40}\b(?:zufrieden|anderen|anbieter)\b|\bsind (?:damit |sehr )?zufrieden\b` +
    String.raw`|\b(?:doesn'?t|does not|don'?t|no longer) make(?:s)? sense for us\b|\bmacht für uns keinen sinn\b|\bnot relevant for us\b|\bfür uns nicht relevant\b`,
);

export type NeedContext = {
  /** Product words from the agent's business prompt ("solar", "heat pumps", "CRM"). */
  productWords: string[];
};

const DEFAULT_PRODUCTS = [
  "solar",
  "pv",
  "photovoltai",
  "panel",
  "module",
  "kwp",
  "solaranlage",
  "heat pump",
  "wärmepumpe",
  "battery",
  "batterie",
  "speicher",
  "storage",
  "charger",
  "charging",
  "ladestation",
  "wallbox",
  "crm",
  "software",
  "heizung",
  "heating",
];

function cleanObject(raw: string): string {
  return raw
    .replace(/\s*[.,;!?].*$/u, "")
    .replace(/^(?:a|an|the|some|eine?n?|einem|einer|der|die|das)\s+/iu, "")
    .trim();
}

function mentionsProduct(c: string, context: NeedContext | undefined): boolean {
  const words = [...DEFAULT_PRODUCTS, ...(context?.productWords ?? [])];
  const lower = c.toLowerCase();
  return words.some((w) => lower.includes(w));
}

export function extractNeed(text: string, context?: NeedContext): BantFinding | null {
  const results: (BantFinding | null)[] = [];
  for (const clause of splitClauses(text)) {
    const c = clause.text;
    const at = (i: number) => clause.start + i;
    const hedge = re(HEDGE).test(c) ? 0.15 : 0;
    let m: RegExpExecArray | null;
    if ((m = NOT_INTERESTED.exec(c))) {
      results.push(finding("disqualified", "Not interested", text, at(m.index), 0.9));
      continue;
    }
    const isQuestion = /\?\s*$/.test(c);
    const desire = DESIRE.exec(c) ?? LOOKING.exec(c);
    if (
      desire &&
      !emptyObject(desire[1]!.trim()) &&
      !(isQuestion && /\b(?:you|ihr|sie)\b/i.test(c.slice(0, desire.index)))
    ) {
      const object = cleanObject(desire[1]!);
      if (object.length >= 3) {
        results.push(finding("confirmed", object, text, at(desire.index), 0.85 - hedge));
        continue;
      }
    }
    const german = GERMAN_DESIRE.exec(c) ?? GERMAN_INVERTED.exec(c);
    if (german && !GERMAN_EMPTY_VERB.test(c) && !emptyObject(german[1]!.trim())) {
      const object = cleanObject(german[1]!);
      if (object.length >= 3 || GERMAN_NEED_VERB_LAST.test(c)) {
        results.push(finding("confirmed", object, text, at(german.index), 0.85 - hedge));
        continue;
      }
    }
    const earmarked = EARMARKED.exec(c) ?? GOING.exec(c);
    if (earmarked) {
      const object = cleanObject(earmarked.slice(1).find(Boolean)!);
      if (object.length >= 3) {
        results.push(finding("confirmed", object, text, at(earmarked.index), 0.75 - hedge));
        continue;
      }
    }
    if ((m = PAIN.exec(c))) {
      const object = m.slice(1).find(Boolean);
      results.push(
        finding("confirmed", object ? cleanObject(object) : "Rising costs / pain point", text, at(m.index), 0.75),
      );
      continue;
    }
    if ((m = EXPLORING.exec(c))) {
      results.push(finding("partial", "Exploring options", text, at(m.index), 0.6));
      continue;
    }
    if (isQuestion && PRICE_QUESTION.test(c) && mentionsProduct(c, context)) {
      results.push(finding("partial", "Asking about price", text, at(0), 0.5));
    }
  }
  // "We want solar, but not now": a stated need outweighs a hedge elsewhere; a refusal outweighs both.
  const disqualified = strongest(results.filter((r) => r?.status === "disqualified"));
  if (disqualified) return disqualified;
  return strongest(results);
}
