import type { Analysis } from "./extract";
import type { Lang } from "./extract/text";
import { clip } from "./extract/text";
import { REPLY_LIMITS } from "./limits";
import type { DraftRequest } from "./types";
import type { BantDimensionName } from "@/lib/scoring/types";

/**
 * Templated replies for the offline assistant. They acknowledge what the lead said (normalised
 * values only: the lead's raw words are never echoed, so nothing hostile is repeated), ask for the
 * next missing BANT dimension, offer the scheduling link when the lead is hot or asks to meet, and
 * close politely on a refusal or a stop. Output is deterministic for the same input.
 */
type Voice = "en" | "de-sie" | "de-du";

const QUESTION_ORDER: BantDimensionName[] = ["need", "timeline", "budget", "authority"];

const T = {
  greeting: {
    en: (n: string | null) => (n ? `Hi ${n},` : "Hi,"),
    "de-sie": (n: string | null) => (n ? `Hallo ${n},` : "Guten Tag,"),
    "de-du": (n: string | null) => (n ? `Hallo ${n},` : "Hallo,"),
  },
  ask: {
    need: {
      en: "What exactly are you looking for, and what's the main reason you're looking into it now?",
      "de-sie": "Was genau benötigen Sie, und was ist der Hauptgrund, dass Sie sich jetzt damit beschäftigen?",
      "de-du": "Was genau brauchst du, und was ist der Hauptgrund, dass du dich jetzt damit beschäftigst?",
    },
    timeline: {
      en: "When would you ideally like to have this in place?",
      "de-sie": "Bis wann möchten Sie das idealerweise umgesetzt haben?",
      "de-du": "Bis wann möchtest du das idealerweise umgesetzt haben?",
    },
    budget: {
      en: "Have you already set aside a rough budget for this?",
      "de-sie": "Haben Sie dafür schon ein ungefähres Budget eingeplant?",
      "de-du": "Hast du dafür schon ein ungefähres Budget eingeplant?",
    },
    authority: {
      en: "Who else on your side is involved in the decision?",
      "de-sie": "Wer ist bei Ihnen sonst noch an der Entscheidung beteiligt?",
      "de-du": "Wer ist bei euch sonst noch an der Entscheidung beteiligt?",
    },
    support: {
      en: "Could you describe in a bit more detail what you need help with?",
      "de-sie": "Könnten Sie etwas genauer beschreiben, wobei Sie Unterstützung brauchen?",
      "de-du": "Kannst du etwas genauer beschreiben, wobei du Unterstützung brauchst?",
    },
    nextStep: {
      en: "What would be the best next step for you?",
      "de-sie": "Was wäre für Sie der beste nächste Schritt?",
      "de-du": "Was wäre für dich der beste nächste Schritt?",
    },
  },
  ack: {
    budget: {
      en: (v: string) => `Thanks, a budget of ${v} gives us a clear frame.`,
      "de-sie": (v: string) => `Danke, ein Budget von ${v} gibt uns einen klaren Rahmen.`,
      "de-du": (v: string) => `Danke, ein Budget von ${v} gibt uns einen klaren Rahmen.`,
    },
    budgetPartial: {
      en: "Understood that the budget isn't fully settled yet.",
      "de-sie": "Verstanden, dass das Budget noch nicht ganz feststeht.",
      "de-du": "Verstanden, dass das Budget noch nicht ganz feststeht.",
    },
    timeline: {
      en: (d: string) => `${d} is a clear target to plan around.`,
      "de-sie": (d: string) => `${d} ist ein klares Ziel, mit dem wir planen können.`,
      "de-du": (d: string) => `${d} ist ein klares Ziel, mit dem wir planen können.`,
    },
    urgent: {
      en: "Understood that this is urgent.",
      "de-sie": "Verstanden, dass es eilt.",
      "de-du": "Verstanden, dass es eilt.",
    },
    timelinePartial: {
      en: "No problem, there's no need to rush.",
      "de-sie": "Kein Problem, es muss nichts überstürzt werden.",
      "de-du": "Kein Problem, es muss nichts überstürzt werden.",
    },
    need: {
      en: "Thanks for explaining what you need.",
      "de-sie": "Danke, dass Sie Ihren Bedarf so klar beschreiben.",
      "de-du": "Danke, dass du deinen Bedarf so klar beschreibst.",
    },
    needPartial: {
      en: "Happy to give you an overview.",
      "de-sie": "Gerne gebe ich Ihnen einen Überblick.",
      "de-du": "Gerne gebe ich dir einen Überblick.",
    },
    authority: {
      en: "Good to know you make the decision.",
      "de-sie": "Gut zu wissen, dass Sie entscheiden.",
      "de-du": "Gut zu wissen, dass du entscheidest.",
    },
    authorityPartial: {
      en: "Makes sense to involve everyone who has a say.",
      "de-sie": "Sinnvoll, alle Beteiligten einzubeziehen.",
      "de-du": "Sinnvoll, alle Beteiligten einzubeziehen.",
    },
  },
  question: {
    en: "Good question, I'll make sure you get a precise answer.",
    "de-sie": "Gute Frage, ich sorge dafür, dass Sie eine genaue Antwort bekommen.",
    "de-du": "Gute Frage, ich sorge dafür, dass du eine genaue Antwort bekommst.",
  },
  objection: {
    en: "I understand, that's an important point and worth looking at carefully for your situation.",
    "de-sie": "Das verstehe ich, das ist ein wichtiger Punkt, den wir uns für Ihre Situation genau ansehen sollten.",
    "de-du": "Das verstehe ich, das ist ein wichtiger Punkt, den wir uns für deine Situation genau ansehen sollten.",
  },
  smalltalk: { en: "Thank you, likewise!", "de-sie": "Vielen Dank, ebenso!", "de-du": "Danke, ebenso!" },
  interested: {
    en: "Great to hear from you.",
    "de-sie": "Schön, von Ihnen zu hören.",
    "de-du": "Schön, von dir zu hören.",
  },
  meetingLink: {
    en: (u: string) => `You can pick a time that suits you here: ${u}`,
    "de-sie": (u: string) => `Hier können Sie direkt einen passenden Termin wählen: ${u}`,
    "de-du": (u: string) => `Hier kannst du direkt einen passenden Termin wählen: ${u}`,
  },
  meetingNoLink: {
    en: "Happy to talk! I'll get back to you shortly with a few time options.",
    "de-sie": "Sehr gerne! Ich melde mich in Kürze mit einigen Terminvorschlägen.",
    "de-du": "Sehr gerne! Ich melde mich in Kürze mit einigen Terminvorschlägen.",
  },
  injection: {
    en: (org: string) =>
      `I can only help with questions about ${org} and our services, and I can't change prices or conditions here.`,
    "de-sie": (org: string) =>
      `Ich kann Ihnen nur bei Fragen zu ${org} und unseren Leistungen helfen und hier keine Preise oder Konditionen ändern.`,
    "de-du": (org: string) =>
      `Ich kann dir nur bei Fragen zu ${org} und unseren Leistungen helfen und hier keine Preise oder Konditionen ändern.`,
  },
  notInterested: {
    en: "Thanks for letting me know. If anything changes, just reply to this message. All the best!",
    "de-sie":
      "Danke für Ihre Rückmeldung. Falls sich etwas ändert, antworten Sie einfach auf diese Nachricht. Alles Gute!",
    "de-du": "Danke für deine Rückmeldung. Falls sich etwas ändert, antworte einfach auf diese Nachricht. Alles Gute!",
  },
  unsubscribe: {
    en: "Understood, you won't receive any further messages from us. Sorry for the interruption.",
    "de-sie": "Verstanden, Sie erhalten keine weiteren Nachrichten von uns. Entschuldigen Sie die Störung.",
    "de-du": "Verstanden, du erhältst keine weiteren Nachrichten von uns. Entschuldige die Störung.",
  },
  signOff: { en: "Best regards,", "de-sie": "Freundliche Grüsse", "de-du": "Liebe Grüsse" },
} as const;

function voiceFor(lang: Lang, personality: string): Voice {
  if (lang !== "de") return "en";
  return /\b(du|duzen|informal|casual|locker|per du)\b/iu.test(personality) ? "de-du" : "de-sie";
}

function formatDate(value: string, voice: Voice): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(`${value}T00:00:00Z`);
  return new Intl.DateTimeFormat(voice === "en" ? "en-GB" : "de-CH", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(date);
}

/** The first BANT dimension still unknown after this message, in the order a good rep asks. */
export function nextMissingDimension(request: DraftRequest, analysis: Analysis): BantDimensionName | null {
  for (const d of QUESTION_ORDER) {
    const found = analysis.bant[d]?.status ?? "unknown";
    const known = request.lead.bant[d]?.status ?? "unknown";
    if (found === "unknown" && known === "unknown") return d;
  }
  return null;
}

function acknowledgement(analysis: Analysis, voice: Voice): string | null {
  const { budget, timeline, need, authority } = analysis.bant;
  if (budget?.status === "confirmed" && budget.value) return T.ack.budget[voice](budget.value);
  if (timeline?.status === "confirmed" && timeline.value)
    return timeline.value === "ASAP" ? T.ack.urgent[voice] : T.ack.timeline[voice](formatDate(timeline.value, voice));
  if (need?.status === "confirmed") return T.ack.need[voice];
  if (authority?.status === "confirmed") return T.ack.authority[voice];
  if (budget?.status === "partial") return T.ack.budgetPartial[voice];
  if (timeline?.status === "partial") return T.ack.timelinePartial[voice];
  if (authority?.status === "partial") return T.ack.authorityPartial[voice];
  if (need?.status === "partial") return T.ack.needPartial[voice];
  return null;
}

export type ComposeInput = { request: DraftRequest; analysis: Analysis; lang: Lang };

/** Builds the reply; optional sentences are dropped (acknowledgement first) until it fits the channel. */
export function composeReply({ request, analysis, lang }: ComposeInput): string {
  const { agent, channel } = request;
  const voice = voiceFor(lang, agent.personality);
  const firstName =
    request.lead.name
      ?.trim()
      .split(/\s+/)[0]
      ?.replace(/[^\p{L}\p{M}'-]/gu, "")
      .slice(0, 40) || null;
  const { intent, heat, injection } = analysis;

  // [text, required]: required parts stay, optional parts go first when the channel is short
  const parts: [string, boolean][] = [];
  if (intent === "unsubscribe") {
    parts.push([T.unsubscribe[voice], true]);
  } else if (intent === "not_interested") {
    parts.push([T.notInterested[voice], true]);
  } else if (injection) {
    parts.push([T.injection[voice](clip(request.orgName, 80)), true]);
    const next = nextMissingDimension(request, analysis);
    parts.push([agent.role === "support" ? T.ask.support[voice] : T.ask[next ?? "nextStep"][voice as "en"], false]);
  } else {
    const ack = acknowledgement(analysis, voice);
    const opener =
      intent === "question"
        ? T.question[voice]
        : intent === "objection"
          ? T.objection[voice]
          : intent === "smalltalk"
            ? T.smalltalk[voice]
            : intent === "interested" && !ack
              ? T.interested[voice]
              : null;
    if (opener) parts.push([opener, intent !== "interested"]);
    if (ack) parts.push([ack, false]);
    const offerMeeting = intent === "meeting_request" || heat === "hot" || heat === "burning";
    if (offerMeeting && agent.schedulingUrl) parts.push([T.meetingLink[voice](agent.schedulingUrl), true]);
    else if (intent === "meeting_request") parts.push([T.meetingNoLink[voice], true]);
    if (!(offerMeeting && agent.schedulingUrl) || channel === "email") {
      const next = agent.role === "support" ? null : nextMissingDimension(request, analysis);
      const ask =
        agent.role === "support"
          ? T.ask.support[voice]
          : next
            ? T.ask[next][voice]
            : offerMeeting
              ? null
              : T.ask.nextStep[voice];
      if (ask) parts.push([ask, true]);
    }
  }

  const greeting = T.greeting[voice](firstName);
  const signature = channel === "email" ? `\n\n${T.signOff[voice]}\n${clip(agent.name, 80)}` : "";
  const limit = REPLY_LIMITS[channel];
  const render = (ps: [string, boolean][]) => {
    const body = ps.map(([t]) => t).join(" ");
    // On one line the greeting closes with "!", so the next sentence may start with a capital.
    return channel === "email" ? `${greeting}\n\n${body}${signature}` : `${greeting.replace(/,$/, "!")} ${body}`;
  };
  let kept = [...parts];
  while (render(kept).length > limit) {
    const optional = kept.findIndex(([, required]) => !required);
    if (optional < 0) break;
    kept = kept.filter((_, i) => i !== optional);
  }
  const rendered = render(kept);
  if (rendered.length <= limit) return rendered;
  // Still too long (a very long organization name): cut on a word boundary, keeping line breaks.
  const cut = rendered.slice(0, limit - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), limit * 0.6)).trimEnd()}…`;
}
