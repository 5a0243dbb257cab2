/**
 * Amounts written in words ("forty grand", "fünfundzwanzigtausend", "חמישים אלף"): people type
 * them in chats and voice transcripts spell them out. Only numbers with a thousand/million word are
 * read, since a bare "five" is far more often a count than money.
 */
export type WrittenAmount = { value: number; index: number; end: number };

const EN: Record<string, number> = {
  a: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  couple: 2,
  few: 3,
};
const DE: Record<string, number> = {
  ein: 1,
  eine: 1,
  eins: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  fünf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
  zehn: 10,
  elf: 11,
  zwölf: 12,
  dreizehn: 13,
  vierzehn: 14,
  fünfzehn: 15,
  sechzehn: 16,
  siebzehn: 17,
  achtzehn: 18,
  neunzehn: 19,
  zwanzig: 20,
  dreissig: 30,
  dreißig: 30,
  vierzig: 40,
  fünfzig: 50,
  sechzig: 60,
  siebzig: 70,
  achtzig: 80,
  neunzig: 90,
  anderthalb: 1.5,
  halbe: 0.5,
};
/** Hebrew numbers in both genders and the construct form ("שלושת אלפים"). */
const HE: Record<string, number> = {
  אחד: 1,
  אחת: 1,
  שניים: 2,
  שתיים: 2,
  שני: 2,
  שתי: 2,
  שלוש: 3,
  שלושה: 3,
  שלושת: 3,
  ארבע: 4,
  ארבעה: 4,
  ארבעת: 4,
  חמש: 5,
  חמישה: 5,
  חמשת: 5,
  שש: 6,
  שישה: 6,
  ששת: 6,
  שבע: 7,
  שבעה: 7,
  שבעת: 7,
  שמונה: 8,
  שמונת: 8,
  תשע: 9,
  תשעה: 9,
  תשעת: 9,
  עשר: 10,
  עשרה: 10,
  עשרת: 10,
  עשרים: 20,
  שלושים: 30,
  ארבעים: 40,
  חמישים: 50,
  שישים: 60,
  שבעים: 70,
  שמונים: 80,
  תשעים: 90,
  מאה: 100,
  מאתיים: 200,
  חצי: 0.5,
};
/** Hebrew count words from one to ten, both genders and the construct form ("בעוד שלושה ימים", "שתי דקות"). */
export const HEBREW_COUNTS: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(HE).filter(([, n]) => Number.isInteger(n) && n >= 1 && n <= 10),
);
const SCALE: Record<string, number> = {
  thousand: 1e3,
  grand: 1e3,
  k: 1e3,
  million: 1e6,
  millions: 1e6,
  tausend: 1e3,
  million_de: 1e6,
  millionen: 1e6,
  mio: 1e6,
  אלף: 1e3,
  אלפים: 1e3,
  מיליון: 1e6,
  מליון: 1e6,
};
const HUNDRED = new Set(["hundred", "hundert", "מאות"]);

/** Words that count things but never open an amount ("several thousand" is not read as money). */
const COUNT_ONLY: Record<string, number> = { an: 1, several: 3, einem: 1, einen: 1, einer: 1, paar: 2 };

/** "3", "three", "drei", "a couple" → a small count (weeks, months, seats); null when it is not one. */
export function countWord(word: string): number | null {
  if (/^\d{1,3}$/.test(word)) return Number(word);
  return COUNT_ONLY[word] ?? EN[word] ?? DE[word] ?? null;
}

/** A German number word up to 999 ("fünfundzwanzig", "zweihundertfünfzig"), or null. */
function germanNumber(word: string): number | null {
  if (word === "") return 1;
  if (word in DE) return DE[word]!;
  const h = /^(.*?)hundert(.*)$/.exec(word);
  if (h) {
    const lead = h[1] ? germanNumber(h[1]) : 1;
    const rest = h[2] ? germanNumber(h[2]) : 0;
    return lead !== null && rest !== null ? lead * 100 + rest : null;
  }
  const u = /^(.+?)und(.+)$/.exec(word);
  if (u && u[1]! in DE && u[2]! in DE) return DE[u[1]!]! + DE[u[2]!]!;
  return null;
}

const TOKEN = /[\p{L}"״']+/gu;

/** Every written amount of at least a thousand in a prepared message. */
export function writtenAmounts(text: string): WrittenAmount[] {
  const out: WrittenAmount[] = [];
  const tokens = [...text.matchAll(TOKEN)].map((m) => ({
    word: m[0].toLowerCase(),
    index: m.index,
    end: m.index + m[0].length,
  }));
  // German one-word compounds: "zwanzigtausend", "hunderttausend", "fünfundzwanzigtausend"
  for (const t of tokens) {
    const m = /^(.*)tausend$/.exec(t.word);
    if (!m) continue;
    const lead = germanNumber(m[1]!);
    if (lead !== null) out.push({ value: lead * 1e3, index: t.index, end: t.end });
  }
  for (let i = 0; i < tokens.length; i++) {
    let value = 0;
    let current = 0;
    let j = i;
    // Hebrew joins the next number with the prefix ו ("עשרים וחמישה"), and may prefix כ/ב/של to the first
    const stripHe = (w: string, first: boolean) =>
      first ? w.replace(/^(?:ו|כ|ב|ש|של)(?=\p{Script=Hebrew}{2})/u, "") : w.replace(/^ו(?=\p{Script=Hebrew}{2})/u, "");
    for (; j < tokens.length; j++) {
      const raw = tokens[j]!.word;
      const w = /\p{Script=Hebrew}/u.test(raw) ? stripHe(raw, j === i) : raw;
      // "a" only opens a number ("a hundred grand"); inside one it is "one and a half"
      const n = w === "a" && j > i ? null : (EN[w] ?? HE[w] ?? germanNumber(w === "" ? "-" : w));
      if (n !== null && n !== undefined) {
        current += n;
        continue;
      }
      if (HUNDRED.has(w) && current > 0) {
        current *= 100;
        continue;
      }
      if (j > i && (w === "and" || w === "und")) continue;
      break;
    }
    // "50 אלף" is a digit with a scale word (money.ts reads it); only a bare "אלף"/"אלפיים" is a number here
    const afterDigit = /\d\s*-?\s*$/.test(text.slice(0, tokens[i]!.index));
    if (j === i && (afterDigit || !/^(?:ו|כ|ב)?(?:אלף|אלפיים|מיליון)$/u.test(tokens[i]!.word))) continue;
    const next = tokens[j];
    const scaleWord = next?.word.replace(/^ו/u, "");
    const bare = j === i; // "אלף ש"ח", "אלפיים": the scale word is the number
    const scale = bare ? null : scaleWord ? SCALE[scaleWord] : undefined;
    if (bare) {
      const w = tokens[i]!.word.replace(/^(?:ו|כ|ב)/u, "");
      value = w === "אלפיים" ? 2e3 : w === "אלף" ? 1e3 : 1e6;
      out.push({ value, index: tokens[i]!.index, end: tokens[i]!.end });
      continue;
    }
    if (!scale || current === 0) continue;
    // "a few grand" is vague but still thousands
    value = current * scale;
    out.push({ value, index: tokens[i]!.index, end: next!.end });
    i = j;
  }
  // A compound found twice (by both passes) is kept once
  return out.sort((a, b) => a.index - b.index).filter((w, k, all) => k === 0 || w.index >= all[k - 1]!.end);
}
