import type { BantFinding } from "@/lib/ai/types";
import { finding, HEDGE } from "./finding";
import { cues } from "./lexicon/cues";
import {
  AVAILABLE,
  APPROXIMATELY,
  BUDGET_NOUN,
  CAP,
  COMMIT,
  ESTIMATE,
  FINANCING,
  FIRMLY_AVAILABLE,
  MONEY_NOT_AN_ISSUE,
  NO_MONEY,
  NOT_YET_APPROVED,
  PRICE,
  TOO_EXPENSIVE_FOR_US,
} from "./lexicon/budget";
import { findMoney, formatMoney, type Money } from "./money";
import { re, splitClauses, type Clause } from "./rx";
import { aboutSomeoneElse, asksAbout, hypothetical, negatedAt } from "./scope";

/**
 * Budget, by the issue's definitions, in English, German (incl. Swiss) and Hebrew.
 * - confirmed: an amount or range approved, set aside or stated as available ("we have $30k set
 *   aside", "Budget: CHF 25'000", "יש לנו 50 אלף ש"ח"), or an amount committed by accepting an offer.
 * - partial: an estimate or vague range ("somewhere around 12k", "up to 9k", "thinking 50-60k"), an
 *   amount under a condition or pending approval, money without a size ("budget isn't the issue"),
 *   financing or a payer being arranged (loan, grant, insurance), a deposit on an accepted offer.
 * - disqualified: explicitly no money, cannot afford, insolvency, budget frozen or cut, "too
 *   expensive for us" — even "for now": no money is no money today.
 * - unknown (null): not addressed; asking the price or naming our quote is not a budget.
 * Each clause is read with its scope (negation, condition, question, someone else's situation).
 */
const NOUN = cues(BUDGET_NOUN);
const AVAILABLE_RX = cues(AVAILABLE);
const ESTIMATE_RX = cues(ESTIMATE);
const CAP_RX = cues(CAP);
const FIRM_RX = cues(FIRMLY_AVAILABLE);
const APPROX_RX = cues(APPROXIMATELY);
const NO_MONEY_RX = cues(NO_MONEY);
const NOT_AN_ISSUE_RX = cues(MONEY_NOT_AN_ISSUE);
const NOT_YET_APPROVED_RX = cues(NOT_YET_APPROVED);
const FINANCING_RX = cues(FINANCING);
const COMMIT_RX = cues(COMMIT);
const PRICE_RX = cues(PRICE);
const TOO_EXPENSIVE_RX = cues(TOO_EXPENSIVE_FOR_US);
const HEDGE_RX = re(HEDGE);
/** "anything above 10k", "a fixed price of 1 CHF": an approval rule or a demanded price, not money they have. */
const THRESHOLD = re(
  String.raw`\b(?:anything|everything|all|alles|purchases|käufe|ausgaben|orders?|spending)\s+(?:above|over|more than|über|ab|von mehr als)\s*$|\b(?:price|preis|festpreis|fixpreis|cost|asking price)\s+(?:of|von|für|for)\s*$|(?:^|\s)ל?כל\s+\p{L}+\s+(?:ש?מעל|מעבר\s+ל|יותר\s+מ|שעולה\s+על)\s*-?\s*$`,
);
/** What follows a number that makes it a size, a count or a share rather than money. */
const UNIT_AFTER = re(
  String.raw`^\s?(?:m²|m2|qm|sqm|square|m|km|kwp|kwh|kw|%|prozent|personen|people|persons|guests|gäste?|users?|nutzer|mitarbeiter|staff|employees|rooms|zimmer|jahre?n?|years?|months?|monate?n?|weeks?|wochen|days?|tage?n?|stunden|hours?|stück|pcs|units|seats|lizenzen|licen[cs]es|trucks|chairs|plätze|members|mitglieder|cm|mm|liter|l|kg|t|°|grad|uhr|am|pm|minutes|min)\b`,
);
/** German politeness ("würden gern", "hätten gerne") reads as a condition to `hypothetical` but is none. */
const POLITE_WISH_DE = re(String.raw`\b(?:würden|würde|möchten|hätten|hätte)\b[^.?!]{0,40}\bgerne?\b`);
const REAL_CONDITION = re(
  String.raw`\b(?:if|unless|provided|assuming|in case|falls|wenn|sofern|sollte|sollten|angenommen|vorausgesetzt)\b`,
);
/** Hebrew "כ-30 אלף" (about 30 thousand): the approximation is a prefix on the number. */
const HE_ABOUT = /(?:^|\s)כ-?\s?$/u;

/** Characters around an amount in which a cue still qualifies it. */
const NEAR_BEFORE = 45;
const NEAR_AFTER = 30;

type Found = { finding: BantFinding; at: number };

/** True when `rx` occurs near the amount; with `except`, occurrences that are also `except` cues do not count. */
function near(rx: RegExp, clause: string, money: Money, sinceLastNumber = true, except?: RegExp): boolean {
  // Only words since the previous number: "ca. 30 m², CHF 12'000 budgetiert" does not make the 12'000 vague
  const from = Math.max(0, money.index - NEAR_BEFORE);
  const lastDigit = sinceLastNumber ? clause.slice(from, money.index).search(/\d[^\d]*$/u) : -1;
  const before = clause.slice(lastDigit >= 0 ? from + lastDigit + 1 : from, money.index);
  const after = clause.slice(money.end, money.end + NEAR_AFTER);
  const hits = (s: string) => [...s.matchAll(new RegExp(rx.source, `${rx.flags.replace("g", "")}g`))].map((m) => m[0]);
  if (!except) return rx.test(before) || rx.test(after);
  const exact = new RegExp(`^(?:${except.source})$`, except.flags.replace("g", ""));
  return [...hits(before), ...hits(after)].some((w) => !exact.test(w.trim()));
}

/** What a clause says around all its amounts, read once per clause. */
type ClauseCues = {
  noun: boolean;
  available: boolean;
  committed: boolean;
  conditional: boolean;
  hedged: boolean;
  asks: boolean;
};

/** An amount in a clause as the lead's budget: confirmed, partial, or not a budget at all (null). */
function readAmount(
  c: string,
  money: Money,
  cue: ClauseCues,
  pending: boolean,
): { status: "confirmed" | "partial"; confidence: number } | null {
  if (!money.currency && !money.scaled && money.amount < 100) return null; // "maybe 15" alone is not money
  const { noun, available, committed, conditional } = cue;
  if (!noun && !available && !committed && !conditional && !ESTIMATE_RX.test(c)) return null;
  if (THRESHOLD.test(c.slice(0, money.index))) return null;
  const estimate = near(ESTIMATE_RX, c, money) || HE_ABOUT.test(c.slice(0, money.index));
  // "Rechnung Nr. 2026-10877 über 1.240 €": a price word reaches past the invoice number
  const price = near(PRICE_RX, c, money, false);
  // "your quote was £14,980" is a price, but "costs should not exceed 20'000" is a cap and "we accept the offer of ₪18,500" a commitment
  if (price && !near(NOUN, c, money) && !near(CAP_RX, c, money) && !(committed && near(COMMIT_RX, c, money, false)))
    return null;
  // a bare amount is more often a price than a budget; "if we had the 40k" is money they might have
  if (!noun && !available && !committed && !estimate && !conditional) return null;
  // A number without currency or "k" is money only right next to a budget word: "Error 403" is not
  if (
    !money.currency &&
    !money.scaled &&
    !near(NOUN, c, money) &&
    !(money.amount >= 1000 && (estimate || near(AVAILABLE_RX, c, money)))
  )
    return null;
  if (
    !money.currency &&
    (UNIT_AFTER.test(c.slice(money.end)) || /^(?:19|20)\d\d$|^0/.test(c.slice(money.index, money.end).trim()))
  )
    return null; // "120 m²", "2027", a phone number
  if (cue.asks && !noun && !available && !estimate) return null; // "is it CHF 20k?" asks about the price
  // "about CHF 20k set aside": a rounded figure for money already in place is still a confirmed budget
  const rounded = estimate && near(FIRM_RX, c, money, false) && !near(ESTIMATE_RX, c, money, true, APPROX_RX);
  const vague = (estimate && !rounded) || conditional || negatedAt(c, money.index) || pending || cue.hedged;
  if (vague) return { status: "partial", confidence: money.currency || money.scaled ? 0.75 : 0.65 };
  const confidence = money.currency ? (noun || available ? 0.9 : 0.8) : money.scaled ? 0.8 : 0.7;
  return { status: "confirmed", confidence };
}

function readClause(clause: Clause, text: string, pending: boolean): Found[] {
  const c = clause.text;
  const at = (i: number) => clause.start + i;
  const out: Found[] = [];
  const push = (status: BantFinding["status"], value: string | null, i: number, confidence: number) =>
    out.push({ finding: finding(status, value, text, at(i), confidence), at: at(i) });
  if (aboutSomeoneElse(c)) return out;
  // "wir würden damit gern … streichen lassen" wishes for the work; it puts no condition on the money
  const conditional = hypothetical(c) && !(POLITE_WISH_DE.test(c) && !REAL_CONDITION.test(c));
  const moneys = findMoney(c);
  const cue: ClauseCues = moneys.length
    ? {
        noun: NOUN.test(c),
        available: AVAILABLE_RX.test(c),
        committed: COMMIT_RX.test(c),
        conditional,
        hedged: HEDGE_RX.test(c),
        asks: asksAbout(c),
      }
    : { noun: false, available: false, committed: false, conditional, hedged: false, asks: false };
  for (const money of moneys) {
    const read = readAmount(c, money, cue, pending);
    if (read) push(read.status, formatMoney(money), money.index, read.confidence);
  }
  let m: RegExpExecArray | null;
  if ((m = NOT_YET_APPROVED_RX.exec(c))) push("partial", "Approval pending", m.index, 0.7);
  else if ((m = NOT_AN_ISSUE_RX.exec(c))) push("partial", "Budget available, amount not given", m.index, 0.7);
  else if ((m = NO_MONEY_RX.exec(c) ?? TOO_EXPENSIVE_RX.exec(c)) && !conditional && !/\?\s*$/.test(c)) {
    push("disqualified", "No budget", m.index, 0.85);
  }
  // "Do you offer financing?" hints that money must be arranged, but only as a suggestion
  if ((m = FINANCING_RX.exec(c))) push("partial", "Financing or approval pending", m.index, asksAbout(c) ? 0.5 : 0.65);
  else if ((m = COMMIT_RX.exec(c)) && !negatedAt(c, m.index) && !conditional)
    push("partial", "Offer accepted", m.index, 0.6);
  return out;
}

export function extractBudget(text: string): BantFinding | null {
  const parts = splitClauses(text);
  // An approval or financing still to come makes every amount in the message provisional.
  const pending = parts.some(
    (p) =>
      FINANCING_RX.test(p.text) &&
      !NOT_AN_ISSUE_RX.test(p.text) &&
      NOUN.test(p.text) &&
      !/\b(?:approved|freigegeben|genehmigt|bewilligt)\b/iu.test(p.text),
  );
  const found = parts.flatMap((p) => readClause(p, text, pending));
  if (!found.length) return null;
  const of = (s: BantFinding["status"]) => found.filter((f) => f.finding.status === s);
  const best = (list: Found[]) => list.reduce((a, b) => (b.finding.confidence > a.finding.confidence ? b : a));
  const confirmed = of("confirmed");
  const disqualified = of("disqualified");
  // The later of "we have CHF 20k" and "the budget has been frozen" is where the lead stands now.
  if (disqualified.length && (!confirmed.length || disqualified.at(-1)!.at > confirmed.at(-1)!.at))
    return best(disqualified).finding;
  if (confirmed.length) return best(confirmed).finding;
  const partialAmount = of("partial").filter((f) => /\d/.test(f.finding.value ?? ""));
  return (partialAmount.length ? best(partialAmount) : best(of("partial"))).finding;
}
