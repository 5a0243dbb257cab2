import type { Analysis } from "./extract";
import type { Lang } from "./extract/text";
import { clip } from "./extract/text";
import { REPLY_LIMITS } from "./limits";
import { latestInbound } from "./conversation";
import {
  answerQuestions,
  askedBefore,
  asksForUpdate,
  asksToReschedule,
  meetingContext,
  questionsIn,
  raisesTopic,
  settledByMeeting,
  type MeetingContext,
} from "./reply-context";
import { TEMPLATES, formatDay, formatWhen, meetingTitle, voiceFor, type Voice } from "./reply-templates";
import type { DraftMeeting, DraftRequest } from "./types";
import type { BantDimensionName } from "@/lib/scoring/types";

/**
 * Templated replies for the offline assistant, in the lead's language (English, German with
 * "Sie" or "du", Hebrew). They use what the thread and the lead record already hold: a booked
 * meeting is confirmed or recalled (and no qualifying question is asked before it), a question
 * the organization's business prompt answers is answered with that prompt's own sentence, a
 * question nothing answers gets an honest "I'll check" (never a made-up figure), a BANT
 * dimension already known or already asked is not asked again, and a refusal or a stop gets a
 * short close without questions. The lead's raw words are never echoed (only normalised amounts
 * and dates), so nothing hostile is repeated. Deterministic for the same input.
 */

const QUESTION_ORDER: BantDimensionName[] = ["need", "timeline", "budget", "authority"];

/** The first BANT dimension still unknown after this message and not asked before, in the order a good rep asks. */
export function nextMissingDimension(request: DraftRequest, analysis: Analysis): BantDimensionName | null {
  for (const d of QUESTION_ORDER) {
    const found = analysis.bant[d]?.status ?? "unknown";
    const known = request.lead.bant[d]?.status ?? "unknown";
    const asked = Object.values(TEMPLATES).some((t) => askedBefore(request.history, t.ask[d]));
    if (found === "unknown" && known === "unknown" && !asked) return d;
  }
  return null;
}

function acknowledgement(analysis: Analysis, voice: Voice, { valuesOnly }: { valuesOnly: boolean }): string | null {
  const { budget, timeline, need, authority } = analysis.bant;
  const t = TEMPLATES[voice].ack;
  if (budget?.status === "confirmed" && budget.value) return t.budget(budget.value);
  if (timeline?.status === "confirmed" && timeline.value)
    return timeline.value === "ASAP" ? t.urgent : t.timeline(formatDay(timeline.value, voice));
  // An estimate ("around CHF 20k") is partial but still a figure worth repeating back.
  if (budget?.status === "partial" && budget.value && /\d/.test(budget.value)) return t.budgetEstimate(budget.value);
  if (valuesOnly) return null;
  if (need?.status === "confirmed") return t.need;
  if (authority?.status === "confirmed") return t.authority;
  if (budget?.status === "partial") return t.budgetPartial;
  if (timeline?.status === "partial") return t.timelinePartial;
  if (authority?.status === "partial") return t.authorityPartial;
  if (need?.status === "partial") return t.needPartial;
  return null;
}

/** One sentence about the lead's meetings: the booking to come, else how the last one went. */
function meetingSentence(meetings: MeetingContext, voice: Voice, now: Date): string | null {
  const t = TEMPLATES[voice].meeting;
  const say = (m: DraftMeeting, line: (title: string, when: ReturnType<typeof formatWhen>) => string) =>
    line(meetingTitle(m.title, voice), formatWhen(new Date(m.startsAt), m.timeZone, voice, now));
  if (meetings.next) return say(meetings.next, meetings.next.status === "rescheduled" ? t.moved : t.booked);
  const last = meetings.last;
  if (!last) return null;
  if (last.status === "completed") return say(last, t.held);
  if (last.status === "canceled") return say(last, t.canceled);
  if (last.status === "no_show") return say(last, t.missed);
  return say(last, t.past);
}

/**
 * The words of the lead's name fit to address them by: letters only, at most four words of 40
 * characters. A lead created from an email without a display name is named by the address,
 * which is nobody's name to greet.
 */
export function nameWords(name: string | null): string[] {
  const trimmed = name?.trim() ?? "";
  if (!trimmed || trimmed.includes("@")) return [];
  return trimmed
    .split(/\s+/)
    .map((word) => word.replace(/[^\p{L}\p{M}'-]/gu, "").slice(0, 40))
    .filter(Boolean)
    .slice(0, 4);
}

export type ComposeInput = { request: DraftRequest; analysis: Analysis; lang: Lang };

/** Builds the reply; optional sentences are dropped (acknowledgement first) until it fits the channel. */
export function composeReply({ request, analysis, lang }: ComposeInput): string {
  const { agent, channel } = request;
  const voice = voiceFor(lang, agent.personality);
  const T = TEMPLATES[voice];
  const names = nameWords(request.lead.name);
  const firstName = names[0] ?? null;
  const { intent, heat, injection } = analysis;
  const text = latestInbound(request.history);
  const now = new Date(request.now);
  const meetings = meetingContext(request);
  const booked = meetings.next !== null;
  const link = agent.schedulingUrl;

  // [text, required]: required parts stay, optional parts go first when the channel is short
  const parts: [string, boolean][] = [];
  // Where the next step begins (a booking, a link, a question): an email gives it its own paragraph.
  let nextStepAt: number | null = null;
  const ask = (offerMeeting: boolean) => {
    if (agent.role === "support") return T.ask.support;
    const next = nextMissingDimension(request, analysis);
    return next ? T.ask[next] : offerMeeting ? null : T.ask.nextStep;
  };

  if (intent === "unsubscribe") {
    parts.push([T.unsubscribe, true]);
  } else if (intent === "not_interested" || analysis.bant.need?.status === "disqualified") {
    // Decided against it, bought elsewhere, moving out: a short respectful close, no questions.
    parts.push([T.notInterested, true]);
  } else if (injection) {
    parts.push([T.injection(clip(request.orgName, 80)), true]);
    const recall = booked ? meetingSentence(meetings, voice, now) : null;
    if (recall) parts.push([recall, false]);
    else parts.push([ask(false) ?? T.ask.nextStep, false]);
  } else {
    // "Following up: our budget is CHF 20k" brings news; only a message without any is a request for news.
    const followUp = asksForUpdate(text) && !Object.values(analysis.bant).some((f) => f?.status === "confirmed");
    const moving = booked && asksToReschedule(text);
    const recall = meetingSentence(meetings, voice, now);

    // What the lead asked: the business prompt's own sentence when one answers it, else an honest "I'll check".
    const opener: [string, boolean][] = [];
    const asked = questionsIn(text);
    if (followUp && !booked) opener.push([T.followUp, true]);
    if (intent === "smalltalk" && !followUp) opener.push([T.smalltalk, true]);
    else if (intent === "objection") opener.push([T.objection, true]);
    else if (intent === "question" || asked.length) {
      // "Any update?" is answered by the status line or the booking; "is the visit still on?" and
      // "can we book a call?" by the booking recalled or offered below.
      const questions = (asked.length ? asked : followUp ? [] : [text]).filter(
        (q) => !asksForUpdate(q) && (!settledByMeeting(q) || raisesTopic(q)),
      );
      const { answers, unanswered, price } = answerQuestions(questions, agent.business);
      for (const a of answers) opener.push([a.lang === lang ? a.sentence : T.quoted(a.sentence), true]);
      if (unanswered && !moving) opener.push([price ? T.checkPrice : T.checkBack, true]);
    }

    // Around a meeting or a direct answer, only a new figure is worth acknowledging, not "happy to give an overview".
    const ack = acknowledgement(analysis, voice, { valuesOnly: booked || opener.length > 0 });
    if (!opener.length && intent === "interested" && !ack && !recall) opener.push([T.interested, false]);
    // A past meeting is recalled first ("Thanks again for the visit on …"), then what the lead asked.
    if (recall && !booked) parts.push([recall, meetings.last?.status !== "completed" || followUp]);
    parts.push(...opener);
    if (ack) parts.push([ack, false]);
    nextStepAt = parts.length;

    if (booked) {
      // The lead already booked: confirm it, offer to move it if asked, and ask nothing the meeting will cover.
      parts.push([recall!, true]);
      if (moving) parts.push([link ? T.meeting.moveLink(link) : T.meeting.moveNoLink, true]);
      else parts.push([T.meeting.beforeThen, false]);
    } else {
      // After a canceled or missed meeting the next step is a new time, not another qualifying question.
      const missed = meetings.last?.status === "canceled" || meetings.last?.status === "no_show";
      const hot = (h: string) => h === "hot" || h === "burning";
      const offerMeeting = intent === "meeting_request" || hot(heat) || hot(request.lead.heat);
      if (missed) parts.push([link ? T.meeting.rebookLink(link) : T.meeting.rebookNoLink, true]);
      else if (offerMeeting && link) parts.push([T.meetingLink(link), true]);
      else if (intent === "meeting_request") parts.push([T.meetingNoLink, true]);
      if (!followUp && !missed && (!(offerMeeting && link) || channel === "email")) {
        const question = ask(offerMeeting);
        if (question) parts.push([question, true]);
      }
    }
  }

  const email = channel === "email";
  const limit = REPLY_LIMITS[channel];
  const paragraphs = parts.map((_, i) => (email && nextStepAt !== null && i >= nextStepAt ? 1 : 0));
  const body = (kept: number[]) => {
    if (!email) return kept.map((i) => parts[i]![0]).join(" ");
    return [0, 1]
      .map((p) =>
        kept
          .filter((i) => paragraphs[i] === p)
          .map((i) => parts[i]![0])
          // A link ends its line, so no mail program reads the next sentence as part of it.
          .reduce((text, part) => (text ? `${text}${/https?:\/\/\S+$/.test(text) ? "\n" : " "}${part}` : part), ""),
      )
      .filter(Boolean)
      .join("\n\n");
  };
  // An email is a letter: a greeting line, the body, and a sign-off with the agent's name. On one
  // line the greeting closes with "!", so the next sentence may start with a capital.
  const frame = (text: string) =>
    email
      ? `${T.emailGreeting(firstName, names.length ? names.join(" ") : null)}\n\n${text}\n\n${T.signOff}\n${clip(agent.name, 80)}`
      : `${T.greeting(firstName).replace(/,$/, "!")} ${text}`;
  let kept = parts.map((_, i) => i);
  while (frame(body(kept)).length > limit) {
    const optional = kept.findIndex((i) => !parts[i]![1]);
    if (optional < 0) break;
    kept = kept.filter((_, k) => k !== optional);
  }
  const written = body(kept);
  if (frame(written).length <= limit) return frame(written);
  // Still too long (a very long organization name, long answers from the business prompt): the
  // body is cut on a word boundary, keeping line breaks, so an email keeps its greeting and sign-off.
  const room = limit - frame("").length;
  const cut = written.slice(0, room - 1);
  return frame(`${cut.slice(0, Math.max(cut.lastIndexOf(" "), room * 0.6)).trimEnd()}…`);
}
