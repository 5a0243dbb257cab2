import type { BantFinding, Intent } from "@/lib/ai/types";
import type { BantDimensionName } from "@/lib/scoring/types";
import { re } from "./rx";

/**
 * The lead's intent, in priority order: unsubscribe > not_interested > meeting_request >
 * objection > question > interested > smalltalk > other. A message that asks to stop is treated
 * as a stop even if it also asks a question.
 */
const UNSUBSCRIBE = re(
  String.raw`^\s*(?:stop|unsubscribe|abmelden|stopp|end|quit|cancel)\s*[.!]*\s*$|\bunsubscribe\b|\bstop (?:texting|messaging|contacting|emailing|calling|sending)\b|\bremove me\b|\btake me off\b|\b(?:don'?t|do not|never) (?:contact|text|message|email|call) (?:me|us)\b|\bno more (?:messages|texts|emails)\b|\bopt[ -]?out\b|\bmelden sie mich ab\b|\bmeld(?:e|et) mich ab\b|\b(?:nicht|nie) mehr (?:kontaktieren|anschreiben|anrufen|schreiben)\b|\bkeine (?:weiteren |weitere )?(?:nachrichten|sms|e-?mails|anrufe)\b|\baustragen\b|\babbestellen\b`,
);
const NOT_INTERESTED = re(
  String.raw`\bnot (?:really )?interested\b|\bno,? thanks?\b|\bno thank you\b|\bkein interesse\b|\bnein,? danke\b|\bnicht interessiert\b`,
);
const MEETING_WORDS = String.raw`(?:call|phone|talk|speak|chat|meet|meeting|demo|appointment|visit|come by|come over|drop by|consultation|calendar|calendly|slot|times?|termin\w*|telefon\w*|anrufen|rufen|gespräch|beratung\w*|treffen|vorbeikommen|vorbeischauen|besuch\w*|kalender)`;
const MEETING = re(
  String.raw`\b(?:can|could|shall|should|may)\s+(?:we|you|i)\b[^.?!]{0,40}\b${MEETING_WORDS}\b|\blet'?s\s+(?:meet|talk|chat|schedule|set up|book|have a call)\b|\b(?:i'?d|i would|we'?d|we would)\s+(?:love|like)\s+to\s+(?:book|schedule|set up|have|meet|talk|see)\b|\bbook (?:a|an) (?:call|demo|meeting|appointment|slot)\b|\bschedule (?:a|an) (?:call|demo|meeting)\b|\bwhat times\b|\bwhen can (?:you|we)\b|\b(?:send|schick\w*)\b[^.?!]{0,30}\b(?:calendar|calendly|booking|kalender)?\s*link\b|\b(?:können|könnten)\s+(?:wir|sie)\b[^.?!]{0,40}\b${MEETING_WORDS}\b|\brufen sie mich\b|\btermin (?:vereinbaren|ausmachen|machen)\b|\bwann können sie\b|\bgerne (?:ein|einen) (?:beratungsgespräch|termin|anruf|gespräch)\b`,
);
const OBJECTION = re(
  String.raw`\btoo (?:expensive|pricey|costly|high|long|much|complicated|risky)\b|\bzu (?:teuer|hoch|lang|kompliziert|riskant)\b|\b(?:why should|how can) (?:i|we) trust\b|\bbad experiences?\b|\bschlechte erfahrungen?\b|\bcompetitor\b|\bkonkurrenz\b|\bno budget\b|\bkein budget\b|\b(?:maybe|vielleicht)\s+(?:next year|nächstes jahr|later|später)\b|\bnot (?:now|right now|yet|this year)\b|\bnicht (?:jetzt|dieses jahr)\b|\bpayback\b|\bamortisation\w*\b[^.?!]{0,20}\bzu\b|\bdon'?t (?:think|believe)\b[^.?!]{0,30}\b(?:worth|work|pay off)\b|\b(?:skeptical|sceptical|skeptisch)\b`,
);
const QUESTION_START = re(
  String.raw`^(?:who|what|how|when|where|why|which|do you|does|did|can you|could you|can your|is it|are you|is there|are there|will you|wer|was|wie|wann|wo|warum|welche\w*|gibt es|haben sie|bieten sie|arbeiten sie|können sie|kann man|geht das|ist es|sind sie|machen sie)\b`,
);
const INTERESTED = re(
  String.raw`\binterested\b|\binteressiert\b|\bsounds (?:great|good|interesting)\b|\bklingt (?:gut|interessant|spannend)\b|\b(?:send|schick\w*)\b[^.?!]{0,30}\b(?:info\w*|brochure|details|unterlagen|prospekt|offer|angebot|quote)\b|\b(?:would|'d) like an? (?:offer|quote)\b|\bready to go\b|\blet'?s do it\b|\blegen wir los\b|\bgerne\b`,
);
const SMALLTALK = re(
  String.raw`^(?:(?:hi|hello|hey|hallo|good (?:morning|afternoon|evening)|guten (?:morgen|tag|abend)|grüezi|moin|haha|lol|ok|okay|thanks?|thank you|danke|vielen dank|merci|cheers)\b[\s,!.:)]*)+(?:[^?]{0,80})?$`,
);
const SMALLTALK_ONLY = re(
  String.raw`\b(?:have a (?:great|nice|good) (?:day|weekend|evening)|hope you (?:had|have)|schönes wochenende|schönen tag|thanks for (?:getting back|your reply|the quick)|danke für die (?:schnelle )?antwort|likewise|ebenso|you too)\b`,
);

export type IntentInput = {
  text: string;
  bant: Record<BantDimensionName, BantFinding | null>;
};

export function classifyIntent({ text, bant }: IntentInput): { intent: Intent; confidence: number } {
  const t = text.trim();
  if (UNSUBSCRIBE.test(t)) return { intent: "unsubscribe", confidence: 0.95 };
  const disqualified = (["budget", "need", "timeline"] as const).some((d) => bant[d]?.status === "disqualified");
  if (NOT_INTERESTED.test(t) || disqualified) return { intent: "not_interested", confidence: 0.85 };
  if (MEETING.test(t)) return { intent: "meeting_request", confidence: 0.85 };
  const positives = Object.values(bant).filter((f) => f && f.status === "confirmed").length;
  if (OBJECTION.test(t) && positives === 0) return { intent: "objection", confidence: 0.7 };
  if (bant.budget?.status === "partial" && /objection|No budget yet/.test(bant.budget.value ?? "") && positives === 0) {
    return { intent: "objection", confidence: 0.65 };
  }
  const firstSentence = t.split(/(?<=[.!?])\s+/)[0] ?? t;
  if (/\?/.test(t) || QUESTION_START.test(firstSentence)) {
    if (!(bant.need?.status === "confirmed" && !/\?/.test(firstSentence)))
      return { intent: "question", confidence: 0.75 };
  }
  const urgent = bant.timeline?.status === "confirmed" && bant.timeline.value === "ASAP";
  if (bant.need?.status === "confirmed" || bant.need?.status === "partial" || urgent || INTERESTED.test(t))
    return { intent: "interested", confidence: 0.7 };
  if (positives >= 2) return { intent: "interested", confidence: 0.6 };
  if ((SMALLTALK.test(t) || SMALLTALK_ONLY.test(t)) && positives === 0) return { intent: "smalltalk", confidence: 0.7 };
  return { intent: "other", confidence: 0.5 };
}
