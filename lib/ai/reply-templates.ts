import type { Lang } from "./extract/text";

/**
 * The offline assistant's sentences, per voice: English, German with "Sie" or "du", and Hebrew
 * written gender-neutrally (plural address "אתם/לכם", first person for the sender, no adjectives
 * that agree with the reader). Values put into them are normalised (amounts, dates) or come from
 * the organization (meeting titles, scheduling link), never the lead's raw words.
 */
export type Voice = "en" | "de-sie" | "de-du" | "he";

/** A meeting's moment as the templates use it: "Tuesday 8 December" and "10:00". */
export type When = { date: string; time: string };

const en = {
  greeting: (n: string | null) => (n ? `Hi ${n},` : "Hi,"),
  /** An email opens on a line of its own; formal German addresses the whole name, gender-neutrally. */
  emailGreeting: (first: string | null, _full: string | null) => (first ? `Hi ${first},` : "Hello,"),
  ask: {
    need: "What exactly are you looking for, and what's the main reason you're looking into it now?",
    timeline: "When would you ideally like to have this in place?",
    budget: "Have you already set aside a rough budget for this?",
    authority: "Who else on your side is involved in the decision?",
    support: "Could you describe in a bit more detail what you need help with?",
    nextStep: "What would be the best next step for you?",
  },
  ack: {
    budget: (v: string) => `Thanks, a budget of ${v} gives us a clear frame.`,
    budgetPartial: "Understood that the budget isn't fully settled yet.",
    budgetEstimate: (v: string) => `Thanks, a rough budget of ${v} already helps us plan.`,
    timeline: (d: string) => `${d} is a clear target to plan around.`,
    urgent: "Understood that this is urgent.",
    timelinePartial: "No problem, there's no need to rush.",
    need: "Thanks for explaining what you need.",
    needPartial: "Happy to give you an overview.",
    authority: "Good to know you make the decision.",
    authorityPartial: "Makes sense to involve everyone who has a say.",
  },
  /** A question nothing we were given answers: promise to find out, never guess. */
  checkBack: "I'll check and come back to you on that.",
  checkPrice: "I don't want to give you a wrong figure, so I'll check the price for your case and come back to you.",
  /** A sentence of the business prompt written in another language than the reply. */
  quoted: (s: string) => `From our information: "${s}"`,
  followUp: "I'll check where things stand and come back to you shortly.",
  objection: "I understand, that's an important point and worth looking at carefully for your situation.",
  smalltalk: "Thank you, likewise!",
  interested: "Great to hear from you.",
  meetingLink: (u: string) => `You can pick a time that suits you here: ${u}`,
  meetingNoLink: "Happy to talk! I'll get back to you shortly with a few time options.",
  meeting: {
    booked: (t: string, w: When) => `Your ${t} is booked for ${w.date} at ${w.time} — we'll see you then.`,
    moved: (t: string, w: When) => `Your ${t} has been moved to ${w.date} at ${w.time} — we'll see you then.`,
    beforeThen: "If anything comes up before then, just reply here.",
    held: (t: string, w: When) => `Thanks again for your time at the ${t} on ${w.date}.`,
    past: (t: string, w: When) => `Following up on our ${t} on ${w.date}.`,
    canceled: (t: string, w: When) => `Your ${t} on ${w.date} was canceled.`,
    missed: (t: string, w: When) => `We missed each other at the ${t} on ${w.date} — no problem.`,
    rebookLink: (u: string) => `If you'd like a new time, you can pick one here: ${u}`,
    rebookNoLink: "If you'd like a new time, I'll send you a few options.",
    moveLink: (u: string) => `If that time no longer works for you, you can pick another one here: ${u}`,
    moveNoLink: "If that time no longer works for you, I'll send you a few other options.",
  },
  injection: (org: string) =>
    `I can only help with questions about ${org} and our services, and I can't change prices or conditions here.`,
  notInterested: "Thanks for letting me know. If anything changes, just reply to this message. All the best!",
  unsubscribe: "Understood, you won't receive any further messages from us. Sorry for the interruption.",
  signOff: "Best regards,",
};

type Templates = typeof en;

const deSie: Templates = {
  greeting: (n) => (n ? `Hallo ${n},` : "Guten Tag,"),
  emailGreeting: (_first, full) => (full ? `Guten Tag ${full},` : "Guten Tag,"),
  ask: {
    need: "Was genau benötigen Sie, und was ist der Hauptgrund, dass Sie sich jetzt damit beschäftigen?",
    timeline: "Bis wann möchten Sie das idealerweise umgesetzt haben?",
    budget: "Haben Sie dafür schon ein ungefähres Budget eingeplant?",
    authority: "Wer ist bei Ihnen sonst noch an der Entscheidung beteiligt?",
    support: "Könnten Sie etwas genauer beschreiben, wobei Sie Unterstützung brauchen?",
    nextStep: "Was wäre für Sie der beste nächste Schritt?",
  },
  ack: {
    budget: (v) => `Danke, ein Budget von ${v} gibt uns einen klaren Rahmen.`,
    budgetPartial: "Verstanden, dass das Budget noch nicht ganz feststeht.",
    budgetEstimate: (v) => `Danke, ein ungefährer Rahmen von ${v} hilft uns bereits bei der Planung.`,
    timeline: (d) => `${d} ist ein klares Ziel, mit dem wir planen können.`,
    urgent: "Verstanden, dass es eilt.",
    timelinePartial: "Kein Problem, es muss nichts überstürzt werden.",
    need: "Danke, dass Sie Ihren Bedarf so klar beschreiben.",
    needPartial: "Gerne gebe ich Ihnen einen Überblick.",
    authority: "Gut zu wissen, dass Sie entscheiden.",
    authorityPartial: "Sinnvoll, alle Beteiligten einzubeziehen.",
  },
  checkBack: "Das kläre ich und melde mich dazu bei Ihnen.",
  checkPrice:
    "Ich möchte Ihnen keine falsche Zahl nennen: Ich kläre den Preis für Ihren Fall und melde mich bei Ihnen.",
  quoted: (s) => `Dazu aus unseren Unterlagen: „${s}“`,
  followUp: "Ich kläre den aktuellen Stand und melde mich in Kürze bei Ihnen.",
  objection: "Das verstehe ich, das ist ein wichtiger Punkt, den wir uns für Ihre Situation genau ansehen sollten.",
  smalltalk: "Vielen Dank, ebenso!",
  interested: "Schön, von Ihnen zu hören.",
  meetingLink: (u) => `Hier können Sie direkt einen passenden Termin wählen: ${u}`,
  meetingNoLink: "Sehr gerne! Ich melde mich in Kürze mit einigen Terminvorschlägen.",
  meeting: {
    booked: (t, w) => `Ihr Termin „${t}“ ist für ${w.date} um ${w.time} gebucht – wir freuen uns auf Sie.`,
    moved: (t, w) => `Ihr Termin „${t}“ wurde auf ${w.date} um ${w.time} verschoben – wir freuen uns auf Sie.`,
    beforeThen: "Falls bis dahin etwas ist, antworten Sie einfach hier.",
    held: (t, w) => `Nochmals danke für Ihre Zeit beim Termin „${t}“ am ${w.date}.`,
    past: (t, w) => `Ich komme auf unseren Termin „${t}“ am ${w.date} zurück.`,
    canceled: (t, w) => `Ihr Termin „${t}“ am ${w.date} wurde abgesagt.`,
    missed: (t, w) => `Beim Termin „${t}“ am ${w.date} haben wir uns verpasst – kein Problem.`,
    rebookLink: (u) => `Wenn Sie einen neuen Termin möchten, können Sie hier einen wählen: ${u}`,
    rebookNoLink: "Wenn Sie einen neuen Termin möchten, schicke ich Ihnen gerne einige Vorschläge.",
    moveLink: (u) => `Falls der Termin nicht mehr passt, können Sie hier einen anderen wählen: ${u}`,
    moveNoLink: "Falls der Termin nicht mehr passt, schicke ich Ihnen gerne andere Vorschläge.",
  },
  injection: (org) =>
    `Ich kann Ihnen nur bei Fragen zu ${org} und unseren Leistungen helfen und hier keine Preise oder Konditionen ändern.`,
  notInterested:
    "Danke für Ihre Rückmeldung. Falls sich etwas ändert, antworten Sie einfach auf diese Nachricht. Alles Gute!",
  unsubscribe: "Verstanden, Sie erhalten keine weiteren Nachrichten von uns. Entschuldigen Sie die Störung.",
  signOff: "Freundliche Grüsse",
};

const deDu: Templates = {
  ...deSie,
  greeting: (n) => (n ? `Hallo ${n},` : "Hallo,"),
  emailGreeting: (first) => (first ? `Hallo ${first},` : "Hallo,"),
  ask: {
    need: "Was genau brauchst du, und was ist der Hauptgrund, dass du dich jetzt damit beschäftigst?",
    timeline: "Bis wann möchtest du das idealerweise umgesetzt haben?",
    budget: "Hast du dafür schon ein ungefähres Budget eingeplant?",
    authority: "Wer ist bei euch sonst noch an der Entscheidung beteiligt?",
    support: "Kannst du etwas genauer beschreiben, wobei du Unterstützung brauchst?",
    nextStep: "Was wäre für dich der beste nächste Schritt?",
  },
  ack: {
    ...deSie.ack,
    need: "Danke, dass du deinen Bedarf so klar beschreibst.",
    needPartial: "Gerne gebe ich dir einen Überblick.",
    authority: "Gut zu wissen, dass du entscheidest.",
  },
  checkBack: "Das kläre ich und melde mich dazu bei dir.",
  checkPrice: "Ich möchte dir keine falsche Zahl nennen: Ich kläre den Preis für deinen Fall und melde mich bei dir.",
  followUp: "Ich kläre den aktuellen Stand und melde mich in Kürze bei dir.",
  objection: "Das verstehe ich, das ist ein wichtiger Punkt, den wir uns für deine Situation genau ansehen sollten.",
  smalltalk: "Danke, ebenso!",
  interested: "Schön, von dir zu hören.",
  meetingLink: (u) => `Hier kannst du direkt einen passenden Termin wählen: ${u}`,
  meeting: {
    ...deSie.meeting,
    booked: (t, w) => `Dein Termin „${t}“ ist für ${w.date} um ${w.time} gebucht – wir freuen uns auf dich.`,
    moved: (t, w) => `Dein Termin „${t}“ wurde auf ${w.date} um ${w.time} verschoben – wir freuen uns auf dich.`,
    beforeThen: "Falls bis dahin etwas ist, antworte einfach hier.",
    held: (t, w) => `Nochmals danke für deine Zeit beim Termin „${t}“ am ${w.date}.`,
    canceled: (t, w) => `Dein Termin „${t}“ am ${w.date} wurde abgesagt.`,
    rebookLink: (u) => `Wenn du einen neuen Termin möchtest, kannst du hier einen wählen: ${u}`,
    rebookNoLink: "Wenn du einen neuen Termin möchtest, schicke ich dir gerne einige Vorschläge.",
    moveLink: (u) => `Falls der Termin nicht mehr passt, kannst du hier einen anderen wählen: ${u}`,
    moveNoLink: "Falls der Termin nicht mehr passt, schicke ich dir gerne andere Vorschläge.",
  },
  injection: (org) =>
    `Ich kann dir nur bei Fragen zu ${org} und unseren Leistungen helfen und hier keine Preise oder Konditionen ändern.`,
  notInterested:
    "Danke für deine Rückmeldung. Falls sich etwas ändert, antworte einfach auf diese Nachricht. Alles Gute!",
  unsubscribe: "Verstanden, du erhältst keine weiteren Nachrichten von uns. Entschuldige die Störung.",
  signOff: "Liebe Grüsse",
};

const he: Templates = {
  greeting: (n) => (n ? `שלום ${n},` : "שלום,"),
  emailGreeting: (first) => (first ? `שלום ${first},` : "שלום,"),
  ask: {
    need: "מה בדיוק אתם מחפשים, ומה הסיבה העיקרית שאתם בודקים את זה עכשיו?",
    timeline: "מתי הייתם רוצים שזה יהיה מוכן, באופן אידיאלי?",
    budget: "האם כבר הגדרתם תקציב משוער לכך?",
    authority: "מי עוד מעורב אצלכם בהחלטה?",
    support: "תוכלו לתאר בקצרה במה בדיוק אתם צריכים עזרה?",
    nextStep: "מה יהיה הצעד הבא המתאים לכם?",
  },
  ack: {
    budget: (v) => `תודה, תקציב של ${v} נותן לנו מסגרת ברורה.`,
    budgetPartial: "הבנתי שהתקציב עדיין לא סגור לגמרי.",
    budgetEstimate: (v) => `תודה, תקציב משוער של ${v} כבר עוזר לנו לתכנן.`,
    timeline: (d) => `${d} הוא יעד ברור שאפשר לתכנן לפיו.`,
    urgent: "הבנתי שזה דחוף.",
    timelinePartial: "אין בעיה, אין צורך למהר.",
    need: "תודה שתיארתם את הצורך שלכם.",
    needPartial: "בשמחה אתן לכם סקירה כללית.",
    authority: "טוב לדעת שההחלטה בידיים שלכם.",
    authorityPartial: "הגיוני לשתף את כל מי שיש לו מילה בהחלטה.",
  },
  checkBack: "אבדוק את זה ואחזור אליכם.",
  checkPrice: "כדי לא לתת לכם מספר שגוי, אבדוק את המחיר למקרה שלכם ואחזור אליכם.",
  quoted: (s) => `מהמידע שלנו: "${s}"`,
  followUp: "אבדוק מה המצב ואחזור אליכם בהקדם.",
  objection: "זו נקודה חשובה, וכדאי לבחון אותה היטב עבור המצב שלכם.",
  smalltalk: "תודה רבה, גם לכם!",
  interested: "שמחים לשמוע מכם.",
  meetingLink: (u) => `אפשר לבחור כאן מועד שנוח לכם: ${u}`,
  meetingNoLink: "בשמחה! אחזור אליכם בקרוב עם כמה אפשרויות למועד.",
  meeting: {
    booked: (t, w) => `הפגישה שלכם (${t}) קבועה ל${w.date} בשעה ${w.time} — נתראה אז!`,
    moved: (t, w) => `הפגישה שלכם (${t}) הועברה ל${w.date} בשעה ${w.time} — נתראה אז!`,
    beforeThen: "אם משהו משתנה עד אז, פשוט השיבו כאן.",
    held: (t, w) => `תודה שוב על הזמן שהקדשתם לפגישה (${t}) ב${w.date}.`,
    past: (t, w) => `בהמשך לפגישה שלנו (${t}) ב${w.date}.`,
    canceled: (t, w) => `הפגישה שלכם (${t}) שתוכננה ל${w.date} בוטלה.`,
    missed: (t, w) => `לא הצלחנו להיפגש ב${w.date} (${t}) — זה בסדר גמור.`,
    rebookLink: (u) => `אם תרצו מועד חדש, אפשר לבחור כאן: ${u}`,
    rebookNoLink: "אם תרצו מועד חדש, אשלח לכם כמה אפשרויות.",
    moveLink: (u) => `אם המועד כבר לא מתאים, אפשר לבחור מועד אחר כאן: ${u}`,
    moveNoLink: "אם המועד כבר לא מתאים, אשלח לכם כמה מועדים אחרים.",
  },
  injection: (org) => `כאן אפשר לעזור רק בשאלות על ${org} והשירותים שלנו, ואין באפשרותי לשנות כאן מחירים או תנאים.`,
  notInterested: "תודה על העדכון. אם משהו ישתנה, פשוט השיבו להודעה הזו. כל טוב!",
  unsubscribe: "הבנו, לא תקבלו מאיתנו הודעות נוספות. סליחה על ההפרעה.",
  signOff: "בברכה,",
};

export const TEMPLATES: Record<Voice, Templates> = { en, "de-sie": deSie, "de-du": deDu, he };

/** German uses "Sie" unless the agent's personality asks for "du"; Hebrew and English have one voice. */
export function voiceFor(lang: Lang, personality: string): Voice {
  if (lang === "he") return "he";
  if (lang !== "de") return "en";
  return /\b(du|duzen|informal|casual|locker|per du)\b/iu.test(personality) ? "de-du" : "de-sie";
}

const LOCALE: Record<Voice, string> = { en: "en-GB", "de-sie": "de-CH", "de-du": "de-CH", he: "he-IL" };

/** A plain date ("2026-06-30") in the voice's words; anything else (ASAP) as it is. */
export function formatDay(value: string, voice: Voice): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return new Intl.DateTimeFormat(LOCALE[voice], {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${value}T00:00:00Z`));
}

function knownZone(zone: string | null): string | null {
  if (!zone) return null;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}

/**
 * A meeting's weekday, date and time in the voice's words and the given zone ("Tuesday 8
 * December", "10:00"); the year only when it is not this year's. Without a known zone the time
 * is UTC and says so.
 */
export function formatWhen(at: Date, zone: string | null, voice: Voice, now: Date): When {
  const timeZone = knownZone(zone) ?? "UTC";
  const year = (d: Date) => new Intl.DateTimeFormat("en", { year: "numeric", timeZone }).format(d);
  const date = new Intl.DateTimeFormat(LOCALE[voice], {
    weekday: "long",
    day: "numeric",
    month: "long",
    ...(year(at) === year(now) ? {} : { year: "numeric" }),
    timeZone,
  }).format(at);
  const time = new Intl.DateTimeFormat(LOCALE[voice], {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(at);
  return { date, time: knownZone(zone) ? time : `${time} UTC` };
}

const ENGLISH_MEETING_WORDS = /^(?:Demo|Call|Meeting|Consultation|Visit|Appointment|Inspection|Survey|Assessment)$/;

/**
 * A meeting title inside a sentence: an English sentence-case title reads as a noun phrase ("Your
 * site visit"), anything else stays as the organization wrote it. Clipped for short channels.
 */
export function meetingTitle(title: string, voice: Voice): string {
  const clean = title
    .replace(/["„“”«»]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 60);
  // One capitalised word may be a name or another language's noun ("Besichtigung"): only common English ones fold.
  const sentenceCase = /^[A-Z][a-z]+(?: [a-z]+){1,4}$/.test(clean) || ENGLISH_MEETING_WORDS.test(clean);
  return voice === "en" && sentenceCase ? clean[0]!.toLowerCase() + clean.slice(1) : clean;
}
