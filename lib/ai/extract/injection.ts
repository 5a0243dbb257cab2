import { heWord, re } from "./rx";

/**
 * Attempts to instruct the assistant instead of talking to the business. Detection flags the
 * message (the reply refuses politely, a person sees the flag with the quoted instruction) and
 * cuts the instruction out before the message is read, so what the lead asked us to record never
 * becomes evidence: the genuine rest is assessed as if the instruction were absent.
 */
/** CRM words an instruction tries to set: the lead's temperature, qualification or role. */
const CRM_TARGET = String.raw`(?:burning|very hot|hot lead|hot|qualified|sales[- ]qualified|sql|vip|(?:the |a )?decision[- ]?maker|(?:budget|authority|need|timeline) (?:confirmed|qualified)|confirmed|entscheider\w*|entscheidungsträger\w*|qualifiziert\w*|heiß|heiss|kaufbereit)`;
const PATTERNS = [
  // English
  String.raw`\b(?:ignore|disregard|forget|override|bypass|skip)\b[^.?!\n]{0,30}\b(?:previous|prior|above|earlier|preceding|all|your|the|these|any|system)\b[^.?!\n]{0,20}\b(?:instructions?|rules?|prompts?|guidelines|directives?|constraints|restrictions|policies|programming|orders|guidance|directions)\b`,
  String.raw`\bdisregard (?:the|everything) above\b`,
  String.raw`\b(?:you are|you're) (?:now|no longer|from now on)\b|\bfrom now on,? you\b|\byou will now\b|\bnew (?:instructions?|policy|rules?|role)\b`,
  String.raw`\b(?:pretend|imagine) (?:that )?(?:you are|you're|to be)\b|\b(?:act|behave|respond) as (?:if|though|a|an|the|my)\b|\brole-?play\b|\bplay the role\b`,
  String.raw`\b(?:system|hidden|initial|original|developer) (?:prompt|instructions?|message)\b|\bsystem ?prompt\b`,
  String.raw`\b(?:reveal|print|show|repeat|output|leak|tell me)\b[^.?!\n]{0,30}\b(?:prompt|instructions|api[ -]?key|secret|password|configuration)\b`,
  String.raw`\bjailbreak\b|\bdeveloper mode\b|\bdan mode\b|\b(?:you are|you're) dan\b|\bdo anything now\b`,
  String.raw`\bas (?:your|the) (?:developer|creator|admin|administrator|operator|programmer)\b`,
  String.raw`(?:^|\n|\s)(?:\[|<|\{)?\s*(?:system|assistant|developer)\s*(?:\]|>|\})?\s*:`,
  String.raw`\[(?:system|inst|/inst)\]|<\|im_(?:start|end)\|>|<\/?(?:system|assistant|user|lead_\w+|instructions?)>`,
  String.raw`\bthe (?:assistant|ai|bot|model) (?:must|should|will|has to|is required to)\b`,
  // Discounts or prices demanded as orders rather than asked about
  String.raw`(?:^|[.!;:]\s*|\band\s+)(?:now\s+)?(?:offer|give|grant|confirm|approve|promise|apply|write|reply with|send)\b[^.?!\n]{0,30}\b(?:\d{1,3}\s?%|free|gratis|kostenlos|discount|rabatt)\b`,
  String.raw`\b(?:confirm|approve|promise)\b[^.?!\n]{0,20}\b(?:my|the|a) (?:discount|price|offer)\b|\bapprove any price\b`,
  // German
  String.raw`\b(?:ignoriere|ignorier|vergiss|missachte|übergehe|überspringe)\b[^.?!\n]{0,30}\b(?:anweisungen|regeln|vorgaben|instruktionen|anweisung|befehle|richtlinien|prompts?)\b`,
  String.raw`\bdu bist (?:jetzt|ab sofort|nun|nicht mehr)\b|\bab (?:jetzt|sofort) bist du\b|\bneue (?:anweisung|regel|rolle|richtlinie)\b`,
  String.raw`\btu so,? als\b|\bstell dir vor,? du\b|\bspiel(?:e)? die rolle\b|\bverhalte dich wie\b`,
  String.raw`\bsystem-?prompt\b|\bversteckte\w* anweisungen\b|\bapi-?schlüssel\b|\bals (?:dein|ihr) (?:entwickler|programmierer|administrator|admin|chef)\b`,
  String.raw`\b(?:zeig|zeige|nenne|verrate|gib)\b[^.?!\n]{0,20}\b(?:prompt|anweisungen|schlüssel|passwort)\b`,
  String.raw`(?:^|[.!;:]\s*|\bund\s+)(?:jetzt\s+)?(?:gib|biete|bestätige|schreib|schreibe|versprich|gewähre)\b[^.?!\n]{0,30}\b(?:\d{1,3}\s?%|gratis|kostenlos|rabatt|umsonst)\b`,
  // Orders to change the record: "mark this lead as burning", "set budget = confirmed", "record me as the decision maker"
  String.raw`\b(?:mark|flag|tag|label|classify|record|register|rate|score|set|categori[sz]e|upgrade|list|log|save|enter)\b[^.?!\n]{0,40}\b(?:as|to|=|:|into)\s*["']?${CRM_TARGET}`,
  String.raw`\b(?:set|update|change|make)\s+(?:the\s+|my\s+|this\s+)?(?:budget|authority|need|timeline|heat|status|score|bant|lead)(?:\s+(?:status|field|score|level))?\s*(?:=|:|\bto\b)\s*["']?(?:confirmed|qualified|burning|hot|true|yes|disqualified|100)\b`,
  String.raw`\b(?:note|message|instruction|attention)s? (?:to|for) (?:the )?(?:ai|assistant|bot|model|llm|crm|system|language model)\b|\b(?:dear|hey|hi|attention) (?:ai|assistant|bot|chatbot|gpt|llm)\b|\b(?:ai|assistant|bot|llm),? (?:please )?(?:ignore|mark|set|record|note|update)\b`,
  // A structured blob that claims CRM fields: {"budget": "confirmed", "heat": "burning"}
  String.raw`[{\[][^{}\[\]]{0,300}["']?(?:budget|authority|need|timeline|heat|bant|lead_?score|decision_?maker|qualified|injection)["']?\s*[:=][^{}\[\]]{0,300}[}\]]`,
  String.raw`\b(?:budget|authority|need|timeline|heat|bant|score|entscheider|priorität|priority|decision[ _-]?maker)\s*[:=]\s*["']?(?:confirmed|qualified|burning|hot|true|yes|100|bestätigt|ja|hoch|high|heiss|heiß)\b`,
  String.raw`\b(?:crm|system|admin|lead|database) (?:override|command|update instruction|instruction)s?\b|\b(?:forward|pass|give|show|send) (?:this|it|the following) (?:on )?to (?:your|the) (?:ai|assistant|bot|model|system|crm)\b`,
  String.raw`\b(?:crm|your system|the system|ihrem system|eurem system|im system|ihr crm|euer crm)\b[^.?!\n]{0,80}\b${CRM_TARGET}|\b(?:for|to) (?:any |all )?(?:automated|automatic) (?:systems?|processing|tools?|readers?)\b|\bfür (?:alle )?(?:automatisierte|automatische) (?:systeme|verarbeitung|tools)\b|\b(?:entsprechend|so) (?:einstufen|einordnen|markieren|erfassen)\b`,
  String.raw`\b(?:must|should|shall|has to|needs? to|is to) be (?:scored|marked|rated|classified|recorded|flagged|tagged|treated|set|listed|logged)\s+(?:as\s+)?${CRM_TARGET}`,
  // German orders to change the record
  String.raw`\b(?:markiere|markier|markieren sie|setze|setz|setzen sie|trage|trag|tragen sie|stufe|stufen sie|kennzeichne|vermerke|vermerken sie|speichere|erfasse|erfassen sie|führe|führen sie)\b[^.?!\n]{0,40}\b(?:als|auf|=|ein)\s*["']?${CRM_TARGET}`,
  String.raw`\b(?:hinweis|nachricht|anweisung) (?:an|für) (?:die |den )?(?:ki|assistent\w*|bot|crm|system|sprachmodell)\b|\b(?:liebe|lieber|hallo|hey|hoi|sali|grüezi|guten tag) (?:ki|assistent|bot|chatbot)\b|\bals administrator (?:ihres|deines|eures|des) systems\b|\b(?:weise|weisen) (?:ich|wir) (?:sie|dich|euch) an\b`,
  String.raw`\b(?:als|zum|zur|uf|auf)\s+["']?${CRM_TARGET}["']?\s+(?:zu\s+)?(?:erfassen|markieren|eintragen|einzutragen|setzen|führen|einstufen|einzustufen|speichern|vermerken|hinterlegen|kennzeichnen)\b|\b(?:setzisch|setz|setzt|setzen sie) (?:mich|ihn|sie|den lead|diesen lead)\b[^.?!\n]{0,20}\b(?:uf|auf|als)\b`,
  // Hebrew
  `${heWord(["התעלם", "תתעלם", "התעלמי", "תתעלמי", "שכח", "תשכח"], false)}[^.?!\\n]{0,30}${heWord(["הוראות", "ההנחיות", "הנחיות", "כללים", "חוקים", "הכללים", "ההוראות"])}`,
  `${heWord(["סמן", "תסמן", "סמני", "תסמני", "סמנו", "תסמנו", "רשום", "תרשום", "רשמי", "תרשמי", "רשמו", "תרשמו", "הגדר", "תגדיר", "הגדירו", "עדכן", "תעדכן", "עדכנו", "סווג", "תסווג", "סווגו", "קבע", "תקבע"], false)}[^.?!\\n]{0,40}(?:${heWord(["כ", "בתור"], true)}|=|:)\\s*[^.?!\\n]{0,30}(?:${heWord(["בוער", "חם", "לוהט", "מקבל ההחלטות", "מקבלת ההחלטות", "מקבל החלטות", "מאושר", "מוסמך", "עדיפות", "תקציב"], false)}|burning|hot|qualified|decision maker)`,
  `${heWord(["אתה עכשיו", "את עכשיו", "מעכשיו אתה", "מעכשיו את", "הוראות חדשות", "הנחיות חדשות", "הוראה למערכת", "הודעה למערכת", "לבינה המלאכותית", "לעוזר הווירטואלי", "לבוט", "למודל"], false)}`,
  `(?:^|\\s)(?:מערכת|system)\\s*:`,
].map((p) => re(p, "g"));

export type InjectionFinding = {
  injection: boolean;
  /** Where the first instruction starts, or -1. */
  index: number;
  /** The instruction in the lead's words (a sentence), shown on the task. */
  quote: string | null;
  /** The message with every instructing sentence (or blob) cut out: the genuine content. */
  cleaned: string;
};

/** The sentence (or structured blob) a match sits in: what is cut from the message. */
function spanOf(text: string, start: number, end: number): [number, number] {
  if (text[start] === "{" || text[start] === "[") return [start, end];
  let from = start;
  while (from > 0 && !/[.!?\n]/.test(text[from - 1]!)) from--;
  let to = end;
  while (to < text.length && !/[.!?\n]/.test(text[to]!)) to++;
  return [from, Math.min(text.length, to + 1)];
}

/** Fenced instructions cut exactly, so the lead's words after the fence are still read. */
const FENCED = re(
  String.raw`\[(inst|system|sys)\][\s\S]{0,600}?\[/\1\]|<(system|instructions?|assistant|admin)>[\s\S]{0,600}?</\2>|-{3,}\s*begin [^-]{1,40}-{3,}[\s\S]{0,600}?-{3,}\s*end [^-]{1,40}-{3,}`,
  "g",
);

export function detectInjection(text: string): InjectionFinding {
  const spans: [number, number][] = [];
  const fenced = [...text.matchAll(FENCED)].map((m): [number, number] => [m.index, m.index + m[0].length]);
  spans.push(...fenced);
  const inFence = (at: number) => fenced.some(([from, to]) => at >= from && at < to);
  for (const rx of PATTERNS) {
    rx.lastIndex = 0;
    for (const m of text.matchAll(rx)) if (!inFence(m.index)) spans.push(spanOf(text, m.index, m.index + m[0].length));
  }
  if (spans.length === 0) return { injection: false, index: -1, quote: null, cleaned: text };
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  let cleaned = "";
  let at = 0;
  for (const [from, to] of merged) {
    cleaned += `${text.slice(at, from)} `;
    at = to;
  }
  cleaned = (cleaned + text.slice(at)).replace(/\s+/g, " ").trim();
  const [qFrom, qTo] = merged[0]!;
  return {
    injection: true,
    index: merged[0]![0],
    quote: text.slice(qFrom, qTo).trim().slice(0, 500),
    cleaned,
  };
}
