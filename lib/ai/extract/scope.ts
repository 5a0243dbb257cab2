import { heWord, re } from "./rx";

/**
 * Where a cue stands decides what it means: "we have a budget" confirms, "we don't have a budget"
 * disqualifies, "if we had a budget" says nothing yet, "does your offer fit a budget?" asks. These
 * helpers read the scope of a cue inside its clause (from `splitClauses`), in English, German
 * and Hebrew, so each extractor asks the same questions the same way.
 */

/** Words that negate what follows them within a few words (and German "kein" forms). */
const NEGATION = re(
  String.raw`\b(?:not|no|never|none|nothing|neither|nor|without|cannot|can't|cant|won't|wont|don't|dont|doesn't|doesnt|didn't|didnt|isn't|isnt|aren't|arent|wasn't|wasnt|haven't|havent|hasn't|hasnt|hadn't|shouldn't|wouldn't|couldn't|nicht|nich|net|nid|nöd|nüt|kei|kein|keine|keinen|keinem|keiner|keines|nie|niemals|nichts|ohne|weder|noch nicht)\b|${heWord(["לא", "אין", "אינ", "אינו", "אינה", "איננו", "בלי", "ללא", "אף פעם", "שום", "אל"], false)}`,
  "g",
);

/** What ends a negation's reach before the cue: a contrast starts a new thought. */
const CONTRAST = re(
  String.raw`\b(?:but|however|although|though|aber|jedoch|sondern|trotzdem|doch)\b|${heWord(["אבל", "אולם", "אך"], false)}`,
  "g",
);

/** How many words back a negation still reaches the cue ("we do not currently have any budget"). */
const NEGATION_REACH = 6;

/** True when a negation stands within a few words before `index` in `clause`, with no contrast between. */
export function negatedAt(clause: string, index: number): boolean {
  const before = clause.slice(0, index);
  const words = before.split(/\s+/).filter(Boolean);
  const window = words.slice(-NEGATION_REACH).join(" ");
  let lastNegation = -1;
  for (const m of window.matchAll(NEGATION)) lastNegation = m.index;
  if (lastNegation < 0) return false;
  for (const m of window.matchAll(CONTRAST)) if (m.index > lastNegation) return false;
  return true;
}

/** Conditions and wishes: what follows is not a fact about the lead ("if we get funding", "wenn der Vorstand zustimmt"). */
const HYPOTHETICAL = re(
  String.raw`\b(?:if|unless|provided|assuming|suppose|supposing|in case|should the|once we|would|were we|had we|falls|wenn|sofern|sollte|sollten|würde|würden|wäre|wären|hätte|hätten|angenommen|vorausgesetzt|im falle)\b|${heWord(["אם", "במידה ו", "במידה ש", "בהנחה ש", "היה", "הייתי", "היינו", "לו", "אילו"], false)}`,
);

/** True when the clause states a condition or a wish rather than a fact. */
export function hypothetical(clause: string): boolean {
  return HYPOTHETICAL.test(clause);
}

/** A question, by its mark or its opening word: what it names is asked about, not stated. */
const QUESTION_OPENING = re(
  String.raw`^(?:do|does|did|is|are|can|could|would|will|how|what|which|when|who|why|gibt es|haben sie|habt ihr|können sie|kann man|ist|sind|wie|was|welche\w*|wann|wer|warum|hat|${heWord(["האם", "כמה", "מה", "מתי", "איך", "מי", "למה", "יש לכם"], false)})\b`,
);

export function asksAbout(clause: string): boolean {
  return /\?\s*$/.test(clause) || QUESTION_OPENING.test(clause.trim());
}

/** Someone else's situation ("my neighbour's budget", "another client of yours"): not the lead's own. */
const THIRD_PARTY = re(
  String.raw`\b(?:my|our) (?:neighbou?r|friend|brother|sister|colleague|cousin|parents?)'?s?\b|\b(?:mein|meine|meinem|unser|unsere)\w* (?:nachbar|freund|bruder|schwester|kollege|kollegin|eltern)\w*\b|${heWord(["השכן", "השכנה", "חבר שלי", "חברה שלי", "אח שלי", "אחות שלי"], false)}`,
);

export function aboutSomeoneElse(clause: string): boolean {
  return THIRD_PARTY.test(clause);
}
