import { describe, expect, it } from "vitest";
import { analyzeMessage } from "@/lib/ai/extract";
import { NOW } from "./helpers";

const now = new Date(NOW); // Tuesday 10 March 2026
const intentOf = (text: string) => analyzeMessage(text, { now }).intent;

describe("intent by category, in English, German and Hebrew", () => {
  it.each([
    // A question stays a question, also from a qualified lead
    ["Our boiler is broken and we own the house. What would a heat pump cost roughly?", "question"],
    ["Wir haben 85 m² Dachfläche und CHF 35'000 zur Seite gelegt. Wie lange dauert die Montage?", "question"],
    ['יש לי גג רעפים של 90 מ"ר, הבית שלי. כמה זה עולה בערך?', "question"],
    ["I'd like to know whether your software supports multi-currency invoicing.", "question"],
    ["eigentlich wollte ich nur fragen, ob Sie auch Fenster in Altbauten tauschen.", "question"],
    ["רציתי רק לשאול אם יש לכם הדרכה לעמותות.", "question"],
    // ...unless it asks for a quote, an offer or the paperwork
    ["We need 2 pallets collected in Basel by 4 December. Can you send a price?", "interested"],
    ["Können Sie heute noch ein Angebot schicken? Wir brauchen eine Reinigungskraft.", "interested"],
    ["הפוליסה נגמרת ב-31 בדצמבר, אפשר הצעה?", "interested"],
    // Ready to buy, whatever it asks
    ["We're ready to go with the annual plan. Can you send the order form?", "interested"],
    ["Passt, machen wir. Wo soll ich unterschreiben?", "interested"],
    // Meeting requests
    ["Bitte um raschen Rückruf wegen Tausch.", "meeting_request"],
    ["Chönd mir nächst Wuche e Demo mache?", "meeting_request"],
    ["נשמח להדגמה בשבוע הבא.", "meeting_request"],
    ["אפשר פגישה בשבוע הבא?", "meeting_request"],
    // No money is an objection; no date is not a refusal; a project on hold is
    ["Wir haben für so ein Tool aktuell kein Budget.", "objection"],
    ["אין תקציב. סורי", "objection"],
    ["There's no timeline at all, we're just collecting ideas for the garden.", "other"],
    ["The project is on hold indefinitely after the merger.", "not_interested"],
    // Leaving the list
    ["Bitte löschen Sie meine Adresse aus Ihrem Verteiler.", "unsubscribe"],
    ["תורידו אותי מהרשימת תפוצה בבקשה", "unsubscribe"],
    ["Take my number off your list.", "unsubscribe"],
    // Greetings and acknowledgements
    ["Happy Thanksgiving to you and the whole team!", "smalltalk"],
    ["חג שמח לכל הצוות! היה כיף לעבוד איתכם השנה", "smalltalk"],
    ["ok next week works", "other"],
    // A price above expectations
    ["Your price is about 30% higher than the other two quotes we got. Is there any flexibility?", "objection"],
  ] as const)("%s → %s", (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });
});
