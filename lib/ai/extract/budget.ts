import type { BantFinding } from "@/lib/ai/types";
import { finding, HEDGE, strongest } from "./finding";
import { findMoney, formatMoney } from "./money";
import { re, splitClauses } from "./rx";

/**
 * Budget, read clause by clause.
 * - confirmed: an amount of money the lead says is available, allocated or their limit ("about CHF 20k
 *   set aside", "our limit is $5,000", "max 12.000 €"), a range, or a monthly figure.
 * - partial: budget exists or is being settled without an amount ("approved but not the amount",
 *   "still being finalised", "the board has to approve the budget"), depends on financing or a grant,
 *   a price objection ("too expensive", "20% less elsewhere"), or no budget *for now* ("no budget yet",
 *   "aktuell kein Budget"): the door is open, so it is not a disqualification.
 * - disqualified: no money and no prospect of it ("we can't afford it", "zero budget and won't have
 *   any", "kein Geld dafür").
 */
const BUDGET_WORD = re(
  String.raw`\b(?:budget\w*|capex|spend|invest\w*|set aside|allocated|available|approved|freigegeben|bewilligt|genehmigt|eingeplant|vorgesehen|bereit|ausgeben|investieren|limit|max(?:imum|imal)?\.?|up to|bis zu|höchstens|at most|afford)\b`,
);
const THRESHOLD = re(
  String.raw`\b(?:anything|everything|all|alles|purchases|käufe|ausgaben)\s+(?:above|over|more than|über|ab|von mehr als)\s*$`,
);
/** "a fixed price of 1 CHF": a price someone names or demands, not money they have. */
const PRICE_OF = re(String.raw`\b(?:price|preis|festpreis|fixpreis|kosten|cost)\s+(?:of|von|für|for)\s*$`);
const COST_QUESTION = re(
  String.raw`\b(?:how much|what does|what do|what would|cost|costs|price|pricing|was kostet|kosten|preis|teuer)\b`,
);

const DISQUALIFIED = [
  re(String.raw`\b(?:can'?t|cannot|could ?n'?o?t|unable to) afford\b`),
  re(String.raw`\b(?:nicht|kaum|schlicht nicht) leisten\b`),
  re(String.raw`\b(?:no|zero|kein|keinen) (?:money|geld)\b`),
  re(String.raw`\b(?:zero|null) budget\b`),
  re(String.raw`\b(?:no|kein|keinerlei) budget\b`),
  re(
    String.raw`\b(?:don'?t|do not|doesn'?t|haven'?t|have no|has no)\s+(?:have\s+)?(?:any\s+)?(?:budget|money|funds)\b`,
  ),
  re(String.raw`\bwon'?t have any\b`),
];
/** Words that make "no budget" temporary. */
const FOR_NOW = re(
  String.raw`\b(?:yet|right now|at the moment|currently|at present|for now|this year|later|noch|im moment|aktuell|derzeit|momentan|zurzeit|dieses jahr|vorerst|später|bis auf weiteres)\b`,
);
const FOREVER = re(String.raw`\b(?:won'?t have any|never|nie|niemals|and won'?t)\b`);

const PARTIAL: { rx: RegExp; confidence: number; value: string }[] = [
  {
    rx: re(
      String.raw`\bbudget\b[^.?!]{0,40}\b(?:approved|freigegeben|genehmigt|bewilligt)\b[^.?!]{0,60}\b(?:not|nicht|noch)\b`,
    ),
    confidence: 0.75,
    value: "Approved, amount not given",
  },
  {
    rx: re(
      String.raw`\b(?:approve|freigeben|genehmigen|bewilligen)\b[^.?!]{0,20}\bbudget\b|\bbudget\b[^.?!]{0,50}\b(?:approve|freigeben|genehmigen|bewilligen)\b`,
    ),
    confidence: 0.7,
    value: "Pending approval",
  },
  {
    rx: re(
      String.raw`\bbudget\b[^.?!]{0,30}\b(?:being|still|wird|gerade)\b[^.?!]{0,20}\b(?:finali[sz]ed|planned|discussed|defined|festgelegt|geplant|besprochen|definiert)\b`,
    ),
    confidence: 0.7,
    value: "Being finalised",
  },
  {
    rx: re(
      String.raw`\bbudget\b[^.?!]{0,20}\b(?:is|ist|wurde|has been)\b[^.?!]{0,10}\b(?:approved|freigegeben|genehmigt|bewilligt|there|vorhanden|da)\b`,
    ),
    confidence: 0.7,
    value: "Approved, amount not given",
  },
  {
    rx: re(
      String.raw`\b(?:money|geld|budget)\b[^.?!]{0,20}\b(?:isn'?t|is not|ist noch nicht|ist nicht|noch nicht)\b[^.?!]{0,15}\b(?:there|da|vorhanden)\b`,
    ),
    confidence: 0.7,
    value: "Not available yet",
  },
  {
    rx: re(
      String.raw`\b(?:depends|depending|hängt|abhängig)\b[^.?!]{0,30}\b(?:budget|grant|funding|subsid\w*|financing|förder\w*|zuschuss|finanzierung)\b`,
    ),
    confidence: 0.6,
    value: "Depends on funding",
  },
  {
    rx: re(String.raw`\b(?:waiting for|warten auf)\b[^.?!]{0,30}\b(?:budget|planning|planung|approval|freigabe)\b`),
    confidence: 0.65,
    value: "Waiting for budget planning",
  },
  {
    rx: re(String.raw`\b(?:too|way too|zu|viel zu)\s+(?:expensive|pricey|costly|high|teuer|hoch)\b`),
    confidence: 0.6,
    value: "Price objection",
  },
  {
    rx: re(String.raw`\b(?:cheaper|günstiger|billiger|\d+\s?% less|\d+\s?% weniger)\b`),
    confidence: 0.55,
    value: "Price objection",
  },
  {
    rx: re(
      String.raw`\b(?:financing|finance|finanzierung|leasing|pay\w* (?:everything )?upfront|grant|subsid\w*|förderung\w*|zuschuss\w*)\b`,
    ),
    confidence: 0.5,
    value: "Needs financing or funding",
  },
];

export function extractBudget(text: string): BantFinding | null {
  const results: (BantFinding | null)[] = [];
  for (const clause of splitClauses(text)) {
    const c = clause.text;
    const hedged = re(HEDGE).test(c);
    const isQuestion = /\?\s*$/.test(c);
    for (const money of findMoney(c)) {
      const before = c.slice(0, money.index);
      if (THRESHOLD.test(before) || PRICE_OF.test(before)) continue; // "signs off on anything above 10k" is an approval rule, not a budget
      const budgetContext = BUDGET_WORD.test(c);
      if (!money.currency && !(money.scaled && budgetContext) && !(budgetContext && money.amount >= 500)) continue;
      if (isQuestion && !budgetContext) continue; // "is it CHF 20k?" asks about price, it does not offer budget
      let confidence = money.currency ? (budgetContext ? 0.95 : 0.85) : 0.75;
      if (hedged) confidence -= 0.15;
      results.push(finding("confirmed", formatMoney(money), text, clause.start + money.index, confidence));
    }
    for (const rx of DISQUALIFIED) {
      const m = rx.exec(c);
      if (!m) continue;
      const temporary = FOR_NOW.test(c) && !FOREVER.test(c);
      results.push(
        temporary
          ? finding("partial", "No budget yet", text, clause.start + m.index, 0.75)
          : finding("disqualified", "No budget", text, clause.start + m.index, 0.85),
      );
      break;
    }
    if (isQuestion && COST_QUESTION.test(c) && !BUDGET_WORD.test(c)) continue;
    for (const p of PARTIAL) {
      const m = p.rx.exec(c);
      if (m) {
        results.push(finding("partial", p.value, text, clause.start + m.index, p.confidence));
        break;
      }
    }
  }
  // An amount beats "too expensive" in the same message: "too high for us, our limit is $5,000".
  const confirmed = strongest(results.filter((r) => r?.status === "confirmed"));
  if (confirmed) return confirmed;
  return strongest(results);
}
