import { re } from "./rx";
import { writtenAmounts } from "./numbers";

/** An amount of money found in a message. */
export type Money = {
  amount: number;
  /** Upper end of a range ("between 20'000 and 30'000"). */
  upTo: number | null;
  currency: "CHF" | "EUR" | "USD" | "GBP" | "ILS" | "INR" | null;
  period: "month" | "year" | null;
  /** A multiplier like "k" or "Mio." was written: a strong sign the number is money even without a currency. */
  scaled: boolean;
  /** The multiplier applied ("k" → 1000), kept so "20-30k" can scale its lower end too. */
  factor: number;
  index: number;
  end: number;
};

// Hebrew writes the shekel as ₪, ש"ח/ש״ח (also without the quote mark) or the word שקל; ₹ or "rupees" for rupees.
const SHEKEL = String.raw`₪|ש["״']?ח|שקל(?:ים)?|ils|nis`;
const CURRENCY_BEFORE = String.raw`(chf|sfr\.?|fr\.|eur|€|usd|us\$|\$|gbp|£|${SHEKEL}|₹|inr)`;
const CURRENCY_AFTER = String.raw`(chf|franken|franke|fr\.|francs?|stutz|eur|euros?|€|usd|dollars?|bucks|\$|gbp|£|pounds?|quid|${SHEKEL}|₹|rupees?|inr)`;
// 20'000 · 20.000 · 20,000 · 20 000 (thousands groups), optionally with decimals: 1.5, 1,2
const NUMBER = String.raw`(\d{1,3}(?:['.,](?=\d{3}(?!\d))\d{3}|\s(?=\d{3}(?![\d.,']))\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)`;
const MULTIPLIER = String.raw`(k|tsd\.?|tausend|thousand|grand|mio\.?|millionen|millions?|mn|mrd\.?|milliarden?|billions?|lakhs?|lacs?|crores?|אלף|אלפים|אלפ|אש["״']?ח|מיליון|מליון|מיליונים)`;

const MONEY = re(
  String.raw`(?:${CURRENCY_BEFORE}\s?)?(?<![\d.,'])${NUMBER}(?:\s?${MULTIPLIER}(?![\p{L}]))?(?:\s?${CURRENCY_AFTER}(?![\p{L}]))?`,
  "g",
);
const PER_MONTH = re(
  String.raw`^\s*(?:\/\s?(?:month|mo|monat|mt)|per month|a month|each month|monthly|pro monat|im monat|monatlich)\b`,
);
const PER_YEAR = re(
  String.raw`^\s*(?:\/\s?(?:year|yr|jahr)|per year|a year|annually|yearly|pro jahr|im jahr|jährlich)\b`,
);
const RANGE_JOIN = re(String.raw`^\s?(?:-|to|and|or|bis|und|oder|עד|ל-?|ו-?)\s?$`);

function currencyOf(token: string | undefined): Money["currency"] {
  if (!token) return null;
  const t = token.toLowerCase();
  if (/^(chf|sfr|fr|franken|franc)/.test(t)) return "CHF";
  if (/^(eur|€|euro)/.test(t)) return "EUR";
  if (/^(usd|us\$|\$|dollar)/.test(t)) return "USD";
  if (/^(gbp|£|pound|quid)/.test(t)) return "GBP";
  if (/^(₪|ש|ils|nis)/.test(t)) return "ILS";
  if (/^(₹|rupee|inr)/.test(t)) return "INR";
  if (/^stutz/.test(t)) return "CHF";
  return null;
}

function multiplierOf(token: string | undefined): number {
  if (!token) return 1;
  const t = token.toLowerCase();
  if (/^(k|tsd|tausend|thousand|grand|אלף|אלפים|אלפ|אש)/.test(t)) return 1_000;
  if (/^(lakh|lac)/.test(t)) return 100_000;
  if (/^crore/.test(t)) return 10_000_000;
  if (/^(mio|million|mn|מיליון|מליון)/.test(t)) return 1_000_000;
  if (/^(mrd|milliard|billion)/.test(t)) return 1_000_000_000;
  return 1;
}

/** "20'000" → 20000, "20.000" → 20000, "1,5" → 1.5, "1.500" → 1500, "12.5" → 12.5. */
export function parseNumber(raw: string): number {
  const s = raw.replace(/[\s']/g, "");
  if (/^\d{1,3}([.,]\d{3})+$/.test(s)) return Number(s.replace(/[.,]/g, ""));
  const grouped = s.match(/^(\d{1,3}(?:[.,]\d{3})+)[.,](\d{1,2})$/);
  if (grouped) return Number(`${grouped[1]!.replace(/[.,]/g, "")}.${grouped[2]}`);
  return Number(s.replace(",", "."));
}

/** Every amount of money in a prepared message, with ranges ("20'000 to 30'000") merged. */
export function findMoney(text: string): Money[] {
  const found: Money[] = [];
  // "forty grand", "zwanzigtausend Franken", "חמישים אלף ש"ח": written numbers, read before digits
  for (const w of writtenAmounts(text)) {
    const rest = text.slice(w.end);
    const cur = new RegExp(String.raw`^\s?${CURRENCY_AFTER}(?![\p{L}])`, "iu").exec(rest);
    const end = w.end + (cur?.[0].length ?? 0);
    const tail = text.slice(end, end + 24);
    const period = PER_MONTH.test(tail) ? "month" : PER_YEAR.test(tail) ? "year" : null;
    found.push({
      amount: w.value,
      upTo: null,
      currency: currencyOf(cur?.[1]),
      period,
      scaled: true,
      factor: 1,
      index: w.index,
      end,
    });
  }
  for (const m of text.matchAll(MONEY)) {
    const [whole, before, num, mult, after] = m;
    if (!num) continue;
    // "30 אש"ח" is thousands of shekels: the multiplier names the currency too
    const currency = currencyOf(before) ?? currencyOf(after) ?? (mult && /^אש/u.test(mult) ? "ILS" : null);
    const factor = multiplierOf(mult);
    // "20% less", "30 kWp", "200 m²": not money
    const next = text.slice(m.index + whole.length, m.index + whole.length + 3);
    if (/^\s?%/.test(next) && !currency) continue;
    const amount = parseNumber(num) * factor;
    if (!Number.isFinite(amount) || amount <= 0) continue;
    if (found.some((f) => m.index < f.end && m.index + whole.length > f.index)) continue;
    const end = m.index + whole.length;
    const rest = text.slice(end, end + 24);
    const period = PER_MONTH.test(rest) ? "month" : PER_YEAR.test(rest) ? "year" : null;
    found.push({ amount, upTo: null, currency, period, scaled: factor > 1, factor, index: m.index, end });
  }
  found.sort((a, b) => a.index - b.index);
  // Merge "CHF 20'000 and 30'000" / "20-30k EUR" into one range
  const merged: Money[] = [];
  for (const money of found) {
    const prev = merged.at(-1);
    if (prev && prev.upTo === null && RANGE_JOIN.test(text.slice(prev.end, money.index))) {
      const currency = prev.currency ?? money.currency;
      // "20-30k": the multiplier written once applies to both ends
      const low = !prev.scaled && money.scaled && prev.amount < 1000 ? prev.amount * money.factor : prev.amount;
      merged[merged.length - 1] = {
        ...prev,
        amount: low,
        upTo: money.amount,
        currency,
        scaled: prev.scaled || money.scaled,
        period: prev.period ?? money.period,
        end: money.end,
      };
      continue;
    }
    merged.push(money);
  }
  return merged;
}

/** "CHF 20000", "CHF 20000–30000", "EUR 1500/month", or "20000" when no currency was written. */
export function formatMoney(money: Money, fallbackCurrency: Money["currency"] = null): string {
  const currency = money.currency ?? fallbackCurrency;
  const round = (n: number) => String(Math.round(n));
  const amount =
    money.upTo !== null && money.upTo > money.amount
      ? `${round(money.amount)}–${round(money.upTo)}`
      : round(money.amount);
  const period = money.period ? `/${money.period}` : "";
  return `${currency ? `${currency} ` : ""}${amount}${period}`;
}
