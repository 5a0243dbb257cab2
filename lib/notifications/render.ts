/**
 * A notification's text, rendered at read time from its stored kind and parameters, in the
 * reader's language (messages under `notificationTexts` in lib/i18n/messages/*.json). The
 * notification center (useTranslations), the API (the caller's language), emails, digests
 * and web push (the recipient's language) all call renderNotification, so every channel
 * and language renders its own text and nothing English is stored. Pure: no server code.
 *
 * Free text (a preview of the lead's message, a rejection note, a cancellation reason) is a
 * parameter shown as written; a provider's error is a kind (an integration's `problem`). Rows written before kinds and parameters
 * existed and whose sentence could not be mapped carry `legacy: { title, message }`, shown as-is.
 */
import {
  dateParam,
  textParam as text,
  WHEN_FORMATS,
  type Translate,
  type TranslationValue as Value,
} from "@/lib/i18n/translate";
import { DRAFT_FAILURES } from "@/lib/ai/failures";
import { renderIntegrationProblem, storedProblems } from "@/lib/integrations/problems";
import { heatLinesText, type HeatLineText } from "@/lib/scoring/render";

export type { Translate };

export type NotificationParams = Record<string, unknown>;
export type RenderedNotification = { title: string; message: string };

/** The columns' former limits, kept for what a reader sees in the list and in an email subject. */
export const TITLE_MAX = 200;
export const MESSAGE_MAX = 1000;

export const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A meeting entered by hand: nobody "booked" it, so its title says it was scheduled, moved or called off. */
const MANUAL_MEETING_TITLES: Record<string, string> = {
  meeting_booked: "meeting_booked.titleManual",
  meeting_rescheduled: "meeting_rescheduled.titleManual",
  meeting_canceled: "meeting_canceled.titleManual",
};

const HEAT_RANK: Record<string, number> = { cold: 0, warm: 1, hot: 2, burning: 3 };

function body(kind: string, params: NotificationParams, t: Translate, heatLine: HeatLineText): RenderedNotification {
  const format = (key: string, values: Record<string, Value> = {}) => t(key, values, WHEN_FORMATS);
  const lead = text(params, "lead") || t("aLead");
  const startsAt = dateParam(params.startsAt);
  const when = startsAt ? { startsAt } : null;
  // A meeting without a name is stored with an empty title and worded here, in the reader's language.
  const meeting = { lead, title: text(params, "title") || t("untitledMeeting") };

  switch (kind) {
    case "heat_changed": {
      const [from, to] = [text(params, "from"), text(params, "to")];
      const levels = { from: t("heatLevel", { level: from }), to: t("heatLevel", { level: to }) };
      const rising = (HEAT_RANK[to] ?? 0) > (HEAT_RANK[from] ?? 0);
      // The engine's lines in the reader's language, else a person's words as written.
      const reason = heatLinesText(params.lines, heatLine).join("; ") || text(params, "reason");
      return {
        title: t(rising ? "heat_changed.rising" : "heat_changed.cooled", { lead, ...levels }),
        message: reason
          ? t("heat_changed.messageWithReason", { ...levels, reason })
          : t("heat_changed.message", levels),
      };
    }
    case "bant_qualified":
      return { title: t("bant_qualified.title", { lead }), message: t("bant_qualified.message") };
    case "meeting_booked":
    case "meeting_rescheduled":
    case "meeting_no_show":
    case "meeting_canceled":
    case "meeting_reminder": {
      const reason = text(params, "reason");
      const message = !when
        ? meeting.title
        : kind === "meeting_canceled" && reason
          ? format("meeting_canceled.messageWithReason", { ...meeting, ...when, reason })
          : format(`${kind}.message`, { ...meeting, ...when });
      const minutes = Number(params.minutes ?? 0);
      const titleKey = (params.manual === true && MANUAL_MEETING_TITLES[kind]) || `${kind}.title`;
      return { title: t(titleKey, { lead, minutes: Number.isFinite(minutes) ? minutes : 0 }), message };
    }
    case "approval_requested": {
      const agent = text(params, "agent");
      return {
        // Nobody drafted anything when the AI failed: the title then asks a person to answer.
        title:
          agent && !params.failure
            ? t("approval_requested.titleByAgent", { lead, agent })
            : t("approval_requested.title", { lead }),
        message: params.failure
          ? t(`approval_requested.failure.${failureKey(text(params, "failure"))}`)
          : text(params, "preview"),
      };
    }
    case "approval_decided": {
      const approved = text(params, "decision") === "approved";
      return {
        title: t(approved ? "approval_decided.approved" : "approval_decided.rejected", { lead }),
        message: text(params, "note") || t(approved ? "approval_decided.sent" : "approval_decided.notSent"),
      };
    }
    case "inbound_message":
      return {
        title: t("inbound_message.title", { lead }),
        message: text(params, "preview") || t("inbound_message.attachment"),
      };
    case "integration_failing": {
      const problem = params.problem ? storedProblems(params.problem)[0] : undefined;
      return {
        title: t("integration_failing.title", { provider: text(params, "provider"), status: text(params, "status") }),
        message: problem ? renderIntegrationProblem(problem, t) : "",
      };
    }
    case "response_sla_breached": {
      const minutes = Number(params.minutes ?? 0);
      return {
        title: t("response_sla_breached.title", { lead }),
        message: t("response_sla_breached.message", { minutes: Number.isFinite(minutes) ? minutes : 0 }),
      };
    }
    case "task_reminder": {
      const dueAt = dateParam(params.dueAt);
      const title = text(params, "title");
      return {
        title: text(params, "lead") ? t("task_reminder.titleWithLead", { lead }) : t("task_reminder.title"),
        message: dueAt ? format("task_reminder.message", { title, dueAt }) : title,
      };
    }
    default:
      return { title: t("unknown"), message: "" };
  }
}

/**
 * The one renderer: UI, API, email, digest and push. `t` is scoped to `notificationTexts`;
 * `heatLine` words the scoring engine's lines (lib/scoring/render.ts) for the same reader.
 */
export function renderNotification(
  kind: string,
  params: NotificationParams,
  t: Translate,
  heatLine: HeatLineText,
): RenderedNotification {
  const legacy = params.legacy as { title?: unknown; message?: unknown } | undefined;
  const rendered =
    legacy && typeof legacy === "object"
      ? {
          title: typeof legacy.title === "string" ? legacy.title : "",
          message: typeof legacy.message === "string" ? legacy.message : "",
        }
      : body(kind, params, t, heatLine);
  return { title: clip(rendered.title, TITLE_MAX), message: clip(rendered.message, MESSAGE_MAX) };
}

/** A stored failure code the catalogue knows; anything else reads as a general error. */
const failureKey = (code: string) => ((DRAFT_FAILURES as readonly string[]).includes(code) ? code : "error");
