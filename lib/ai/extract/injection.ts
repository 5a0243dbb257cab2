import { re } from "./rx";

/**
 * Attempts to instruct the assistant instead of talking to the business. Detection only flags the
 * message (the reply refuses politely and a human sees the flag); the prompt framing is what keeps
 * a model from obeying, and the local provider never obeys anything.
 */
const PATTERNS = [
  // English
  String.raw`\b(?:ignore|disregard|forget|override|bypass|skip)\b[^.?!\n]{0,30}\b(?:previous|prior|above|earlier|preceding|all|your|the|these|any|system)\b[^.?!\n]{0,20}\b(?:instructions?|rules?|prompts?|guidelines|directives?|constraints|restrictions|policies|programming|orders)\b`,
  String.raw`\bdisregard (?:the|everything) above\b`,
  String.raw`\b(?:you are|you're) (?:now|no longer|from now on)\b|\bfrom now on,? you\b|\byou will now\b|\bnew (?:instructions?|policy|rules?|role)\b`,
  String.raw`\b(?:pretend|imagine) (?:that )?(?:you are|you're|to be)\b|\b(?:act|behave|respond) as (?:if|though|a|an|the|my)\b|\brole-?play\b|\bplay the role\b`,
  String.raw`\b(?:system|hidden|initial|original|developer) (?:prompt|instructions?|message)\b|\bsystem ?prompt\b`,
  String.raw`\b(?:reveal|print|show|repeat|output|leak|tell me)\b[^.?!\n]{0,30}\b(?:prompt|instructions|api[ -]?key|secret|password|configuration)\b`,
  String.raw`\bapi[ -]?key\b|\bjailbreak\b|\bdeveloper mode\b|\bdan mode\b|\b(?:you are|you're) dan\b|\bdo anything now\b`,
  String.raw`\bas (?:your|the) (?:developer|creator|admin|administrator|operator|owner|programmer)\b`,
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
].map((p) => re(p));

export function detectInjection(text: string): { injection: boolean; index: number } {
  for (const rx of PATTERNS) {
    const m = rx.exec(text);
    if (m) return { injection: true, index: m.index };
  }
  return { injection: false, index: -1 };
}
