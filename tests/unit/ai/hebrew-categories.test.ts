import { describe, expect, it } from "vitest";
import { hebrewDate } from "@/lib/ai/extract/dates-he";
import { extractBudget } from "@/lib/ai/extract/budget";
import { extractAuthority } from "@/lib/ai/extract/authority";
import { extractNeed } from "@/lib/ai/extract/need";
import { extractTimeline } from "@/lib/ai/extract/timeline";
import { heWord, prep, re } from "@/lib/ai/extract/rx";

// Friday 20 November 2026, the corpus's "now"
const NOW = new Date("2026-11-20T09:00:00.000Z");
const day = (text: string) => hebrewDate(prep(text), NOW)?.date.toISOString().slice(0, 10) ?? null;
const timeline = (text: string) => extractTimeline(prep(text), NOW, "he")?.status ?? "unknown";
const need = (text: string) => extractNeed(prep(text))?.status ?? "unknown";
const budget = (text: string) => extractBudget(prep(text));
const authority = (text: string) => extractAuthority(prep(text))?.status ?? "unknown";

describe("Hebrew words match in every final-letter form", () => {
  it("a stem written with a final letter also finds its inflections, and the other way round", () => {
    expect(re(heWord("מעוניין")).test("אנחנו לא מעוניינים")).toBe(true);
    expect(re(heWord("אלפ", false)).test("30 אלף")).toBe(true);
  });
});

describe("Hebrew dates by category", () => {
  it.each([
    ["ההתקנה נשארת ב-3 בדצמבר", "2026-12-03"],
    ["עד ה-15/1", "2027-01-15"],
    ["עד סוף פברואר", "2027-02-28"],
    ["באמצע מרס", "2027-03-15"],
    ["באוגוסט 2027", "2027-08-01"],
    ["ברבעון הבא", "2027-01-01"],
    ["ברבעון השני של 2027", "2027-04-01"],
    ["בעוד שבועיים", "2026-12-04"],
    ["תוך 3 חודשים", "2027-02-20"],
    ["עד יום חמישי", "2026-11-26"],
    ["עוד החודש", "2026-11-30"],
    ["לפני פסח", "2027-04-01"],
  ])("%s → %s", (text, iso) => {
    expect(day(text)).toBe(iso);
  });

  it("a first name, a city or a decimal number is not a date", () => {
    expect(day("יוני כהן")).toBeNull();
    expect(day("גרים בתל אביב")).toBeNull();
    expect(day("התקציב הוא 2.5 מיליון")).toBeNull();
  });

  it("a billed or past month is not a date ahead", () => {
    expect(day("החשבונית של אוקטובר")).toBeNull();
    expect(day("קנינו במרץ את הדוד")).toBeNull();
  });

  it("a deadline is confirmed, an after-holiday or a bare season is partial, not in the coming years is disqualified", () => {
    expect(timeline("חייבים פתרון עד סוף החודש")).toBe("confirmed");
    expect(timeline("רוצים לסיים לפני חנוכה")).toBe("confirmed");
    expect(timeline("נתחיל אחרי החגים")).toBe("partial");
    expect(timeline("אולי בקיץ")).toBe("partial");
    expect(timeline("אין לחץ, מתי שנוח לכם")).toBe("partial");
    expect(timeline("לא בשנה הקרובה")).toBe("disqualified");
    expect(timeline("ולא צפויה בחינה מחודשת בשנתיים הקרובות")).toBe("disqualified");
  });

  it("a time to talk, moving out or going abroad is not the project's timeline", () => {
    expect(timeline("אפשר פגישה ביום שלישי?")).toBe("unknown");
    expect(timeline("אנחנו עוברים דירה בעוד חודשיים")).toBe("unknown");
  });
});

describe("Hebrew needs by category", () => {
  it.each([
    ["המזגן בסלון לא מקרר בכלל מאז אתמול", "confirmed"],
    ["כמה עולה מזרן זוגי 160x200?", "confirmed"],
    ["בשלב הזה אנחנו רק אוספים הצעות", "partial"],
    ["אתם עובדים גם באזור הצפון?", "partial"],
    ["אשמח לשמוע פרטים על הקורס", "partial"],
    ["הזמנו כבר מחברה אחרת לפני חודש", "disqualified"],
    ["בסוף השארנו את הישן", "disqualified"],
    ["לא מעוניין, תודה", "disqualified"],
    ["אני סטודנט ועושה פרויקט גמר על אנרגיה סולארית", "disqualified"],
  ])("%s → %s", (text, status) => {
    expect(need(text)).toBe(status);
  });

  it("someone else's wish is an interest, not the writer's need", () => {
    expect(need("בעלי רוצה להחליף את הגג, אני לא בטוחה שזה נחוץ")).toBe("partial");
  });
});

describe("Hebrew budgets and authority by category", () => {
  it('thousands of shekels written as אש"ח or with a typo are amounts', () => {
    expect(budget('התקציב שלנו קטן, משהו כמו 5-7 אש"ח')).toMatchObject({ status: "partial" });
    expect(budget("יש לי 30 אלפ לשים על מטבח חדש")).toMatchObject({ status: "confirmed", value: "30000" });
  });

  it("an amount named when accepting an offer is the budget; closing with someone else is not", () => {
    expect(budget("סגור, מאשר את ההצעה על 18,500 ₪")).toMatchObject({ status: "confirmed", value: "ILS 18500" });
    expect(budget("תודה רבה, כבר סגרנו עם מישהו אחר.")).toBeNull();
  });

  it("cannot meet the price, cuts, or no shekel is no budget; money put aside without a size is partial", () => {
    expect(budget("הבנו שאנחנו לא יכולים לעמוד בזה")?.status).toBe("disqualified");
    expect(budget("אין לי כרגע שקל לזה")?.status).toBe("disqualified");
    expect(budget("הפרויקט נדחה בגלל קיצוצים בתקציב")?.status).toBe("disqualified");
    expect(budget("יש לנו כסף בצד לשיפוץ")?.status).toBe("partial");
  });

  it("the one who signs or owns decides; someone who defers is partial; a refusing landlord disqualifies", () => {
    expect(authority("אני מנהל הרכש ואני זה שחותם על ההזמנות")).toBe("confirmed");
    expect(authority("יש לנו וילה ליד כרמיאל")).toBe("confirmed");
    expect(authority("הבוס שלי שאל, הוא זה שמחליט")).toBe("partial");
    expect(authority("בעל הבית כבר אמר שהוא לא מוכן לשום שינוי")).toBe("disqualified");
  });
});
