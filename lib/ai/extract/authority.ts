import type { BantFinding } from "@/lib/ai/types";
import { finding, strongest } from "./finding";
import { re, splitClauses } from "./rx";

/**
 * Authority.
 * - confirmed: the lead says they decide ("I'm the CEO/owner/Geschäftsführer", "I sign off", "it's
 *   my call", "my own house").
 * - partial: someone else decides or must agree ("check with my boss", "the board has to approve",
 *   "I'm not the decision maker", "ich muss mit meinem Chef sprechen"): there is a decision maker to
 *   reach, so the lead stays qualified.
 * - disqualified: the contact has no link to the decision at all ("I don't work there anymore").
 */
const ROLES: [string, string][] = [
  ["ceo", "CEO"],
  ["cfo", "CFO"],
  ["coo", "COO"],
  ["cto", "CTO"],
  ["cio", "CIO"],
  ["owner", "Owner"],
  ["co-owner", "Co-owner"],
  ["founder", "Founder"],
  ["co-founder", "Co-founder"],
  ["president", "President"],
  ["managing director", "Managing Director"],
  ["general manager", "General Manager"],
  ["director", "Director"],
  ["managing partner", "Managing Partner"],
  ["proprietor", "Owner"],
  ["decision maker", "Decision maker"],
  ["decision-maker", "Decision maker"],
  ["chairman", "Chair"],
  ["geschäftsführer", "Geschäftsführer"],
  ["geschäftsführerin", "Geschäftsführerin"],
  ["inhaber", "Inhaber"],
  ["inhaberin", "Inhaberin"],
  ["eigentümer", "Eigentümer"],
  ["eigentümerin", "Eigentümerin"],
  ["gründer", "Gründer"],
  ["gründerin", "Gründerin"],
  ["vorstand", "Vorstand"],
  ["chef", "Chef"],
  ["chefin", "Chefin"],
  ["entscheider", "Entscheider"],
  ["entscheiderin", "Entscheiderin"],
  ["geschäftsleiter", "Geschäftsleiter"],
  ["geschäftsleiterin", "Geschäftsleiterin"],
  ["verwaltungsratspräsident", "VR-Präsident"],
];
const ROLE_ALT = ROLES.map(([k]) => k.replace(/-/g, "[- ]?"))
  .sort((a, b) => b.length - a.length)
  .join("|");
const HEAD_OF = String.raw`head of [\p{L}&]+(?: [\p{L}&]+)?|leiter(?:in)? [\p{L}]+|vp (?:of )?[\p{L}]+|vice president(?: of [\p{L}]+)?`;

const SELF_ROLE = re(
  String.raw`\b(?:i'?m|i am|as|als|ich bin)\s+(?:the |a |der |die |das |our |unser\w* |co-)?(?:(?:sole|managing|general|einzige\w*)\s+)?(${ROLE_ALT}|${HEAD_OF})\b(?!\s+(?:of the (?:bakery|company|business)\s+)?(?:has to|must|needs to|will have to))`,
);
const NOT_SELF = re(
  String.raw`\b(?:i'?m|i am|ich bin)\s+(?:not|nicht|kein\w*)\s+(?:the |a |der |die )?(?:decision[- ]?maker|entscheider\w*|entscheidungsträger\w*|person who decides|one who decides)\b`,
);
const JUST_ROLE = re(String.raw`\b(?:i'?m|i am|ich bin)\s+(?:just|only|merely|nur|lediglich|bloß)\b`);

const SELF_DECIDES: { rx: RegExp; value: string; confidence: number }[] = [
  {
    rx: re(
      String.raw`\bi (?:alone |personally )?(?:decide|make (?:the |all )?(?:final )?decisions?|sign off|sign|approve|call the shots|have (?:full |final )?(?:authority|say|sign-?off))\b`,
    ),
    value: "Decision maker",
    confidence: 0.85,
  },
  {
    rx: re(
      String.raw`\b(?:it'?s|it is|that'?s) (?:my|entirely my|all my) (?:call|decision)\b|\bthe decision is mine\b|\bdecision maker for this\b|\bi'?m the one who decides\b`,
    ),
    value: "Decision maker",
    confidence: 0.85,
  },
  {
    rx: re(
      String.raw`\bi (?:run|own) (?:the|this|my|our) (?:company|business|firm|shop|place)\b|\bmy own (?:house|home|company|business|building|property)\b`,
    ),
    value: "Owner",
    confidence: 0.75,
  },
  {
    rx: re(
      String.raw`\bich (?:alleine? |allein |selbst )?(?:entscheide|unterschreibe|genehmige|bestimme)\b|\bentscheide (?:das |es )?(?:selbst|allein\w*)\b|\b(?:die )?entscheidung liegt bei mir\b|\bich (?:habe|hab) das letzte wort\b|\bich entscheide das\b`,
    ),
    value: "Entscheider",
    confidence: 0.85,
  },
  {
    rx: re(String.raw`\b(?:mein|meine|unser) eigene\w* (?:haus|firma|betrieb|gebäude)\b`),
    value: "Eigentümer",
    confidence: 0.75,
  },
];

const OTHERS_DECIDE = re(
  String.raw`\b(?:check|talk|speak|discuss|consult|clear it|run (?:this|it|that) by)\b[^.?!]{0,25}\b(?:with |by )?(?:my|our|the)\s+(boss|manager|partner|business partner|wife|husband|spouse|team|board|cfo|ceo|owner|owners|director|management|landlord|family|colleagues?|procurement|purchasing|council|committee|supervisor|head office|hq)\b` +
    String.raw`|\brun (?:this|it|that) by (?:our|my|the)\s+(\w+)`,
);
const OTHERS_DECIDE_2 = re(
  String.raw`\b(?:the |our |my )?(board|owners?|management|cfo|ceo|procurement(?: team)?|purchasing(?: department)?|committee|council|municipality|landlord|partners?|headquarters|head office|regional board|directors?)\b[^.?!]{0,20}\b(?:has to|have to|must|needs? to|will|decides?|makes? the (?:final )?(?:call|decision)|handles?|approves?|signs? off)\b`,
);
const GERMAN_OTHERS = re(
  String.raw`\b(?:mit|bei)\s+(?:meinem|meiner|unserem|unserer|dem|der)\s+(chef|chefin|vorgesetzten|partner|partnerin|frau|mann|team|vorstand|verwaltungsrat|geschäftsleitung|geschäftsführung|einkauf|familie|vermieter|kollegen)\b[^.?!]{0,30}\b(?:sprechen|besprechen|abklären|klären|abstimmen|reden)\b` +
    String.raw`|\b(?:bespreche|kläre|stimme)\b[^.?!]{0,15}\b(?:mit)\s+(?:meinem|meiner|unserem|unserer|dem|der)\s+(\p{L}+)` +
    String.raw`|\b(?:muss|müssen|wird|entscheidet|entscheiden|trifft)\b[^.?!]{0,25}\b(?:der |die |das |unser\w* )?(verwaltungsrat|vorstand|chef|chefin|geschäftsleitung|geschäftsführung|einkaufsabteilung|einkauf|eigentümer|inhaber|gemeinde|partner)\b` +
    String.raw`|\b(?:darüber|das)\s+entscheide[tn]?\b[^.?!]{0,20}\b(\p{L}+)` +
    String.raw`|\bintern\b[^.?!]{0,30}\bbesprechen\b|\bleite es weiter\b|\bleite das weiter\b`,
);
/** "my partner and I decide together": the lead is one of several people to convince. */
const SHARED = re(
  String.raw`\b(?:decide|decision|entscheiden|entscheidung)\b[^.?!]{0,20}\b(?:together|jointly|gemeinsam|zusammen)\b|\b(?:together|jointly|gemeinsam|zusammen)\b[^.?!]{0,20}\b(?:decide|entscheiden)\b`,
);
const DEPENDS_ON_OTHERS = re(
  String.raw`\b(?:depends|depending)\b[^.?!]{0,40}\b(?:my|our)\s+(partner|boss|wife|husband|board|team|family|manager)\b|\bhängt\b[^.?!]{0,40}\bvon (?:meinem|meiner|unserem|unserer)\s+(partner|partnerin|chef|chefin|frau|mann|vorstand|familie)\b`,
);
const GONE = re(
  String.raw`\b(?:don'?t|do not|no longer) work (?:there|here|at|for)\b|\bnicht mehr (?:in|bei) der firma\b|\bnicht mehr (?:bei|für) (?:der|die|diese)\b|\bwrong person\b|\bfalsche person\b`,
);

const capitalised = (s: string) => s.replace(/(^|\s)(\p{Ll})/gu, (_, sp: string, ch: string) => sp + ch.toUpperCase());

function roleLabel(raw: string): string {
  const key = raw.toLowerCase().replace(/\s+/g, " ");
  const known = ROLES.find(([k]) => k === key || k === key.replace(/ /g, "-"));
  return known ? known[1] : capitalised(key).replace(/\bOf\b/, "of");
}

export function extractAuthority(text: string): BantFinding | null {
  const results: (BantFinding | null)[] = [];
  for (const clause of splitClauses(text)) {
    const c = clause.text;
    const at = (i: number) => clause.start + i;
    let m: RegExpExecArray | null;
    if ((m = GONE.exec(c))) results.push(finding("disqualified", "No longer at the company", text, at(m.index), 0.8));
    if ((m = NOT_SELF.exec(c))) {
      results.push(finding("partial", "Not the decision maker", text, at(m.index), 0.85));
      continue;
    }
    const shared = SHARED.exec(c);
    if (shared) {
      results.push(finding("partial", "Shared decision", text, at(shared.index), 0.85));
      continue;
    }
    const self = !JUST_ROLE.test(c) ? SELF_ROLE.exec(c) : null;
    if (self) results.push(finding("confirmed", roleLabel(self[1]!), text, at(self.index), 0.9));
    for (const s of SELF_DECIDES) {
      const hit = s.rx.exec(c);
      if (hit) {
        results.push(finding("confirmed", self ? roleLabel(self[1]!) : s.value, text, at(hit.index), s.confidence));
        break;
      }
    }
    const other =
      OTHERS_DECIDE.exec(c) ?? OTHERS_DECIDE_2.exec(c) ?? GERMAN_OTHERS.exec(c) ?? DEPENDS_ON_OTHERS.exec(c);
    if (other) {
      const who = other.slice(1).find(Boolean);
      results.push(
        finding("partial", who ? `Needs sign-off: ${who.toLowerCase()}` : "Needs sign-off", text, at(other.index), 0.8),
      );
    } else if (JUST_ROLE.test(c)) {
      const jm = JUST_ROLE.exec(c)!;
      results.push(finding("partial", "Influencer", text, at(jm.index), 0.6));
    }
  }
  // A lead who says they decide is the decision maker even if they also mention talking to a partner.
  const confirmed = strongest(results.filter((r) => r?.status === "confirmed"));
  const partial = strongest(results.filter((r) => r?.status === "partial"));
  if (confirmed && partial && partial.confidence >= confirmed.confidence) return partial;
  return confirmed ?? strongest(results);
}
