/**
 * A timeline entry's text, rendered at read time in the reader's language from the stored
 * `reason_key` and `reason_params` (messages under `timelineReasons` in
 * lib/i18n/messages/*.json). The lead page (useTranslations) and the API (the caller's
 * language) both call renderLeadEventReason. Pure: no server code.
 *
 * Free text typed by a person (a note, a heat override's reason) has no key: it is stored in
 * `reason` as written and shown as written. `scoring` and `heat_changed` carry the scoring
 * engine's lines ({ key, params }, worded by `heatLine`: lib/scoring/render.ts); `legacy` an old
 * sentence no pattern matched when the migration turned sentences into keys. The lead fields an
 * update, an import merge or a bulk update names are stored as field names and shown with the
 * lead form's labels (`leads.fields`) in the reader's language.
 */
import { dateParam, textParam, WHEN_FORMATS, type Translate, type TranslationValue } from "@/lib/i18n/translate";
import { heatLinesText, type HeatLineText } from "@/lib/scoring/render";

/** Every key a writer may store; each except the verbatim ones has a message under `timelineReasons`. */
export const REASON_KEYS = [
  "created_by",
  "imported_by",
  "created_from_message",
  "created_from_booking",
  "restored_from_message",
  "restored_from_booking",
  "status_changed",
  "reassigned",
  "unassigned",
  "fields_updated",
  "merged_from_import",
  "bulk_update",
  "deleted_by",
  "restored_by",
  "heat_override_cleared",
  "bant_qualified",
  "heat_changed",
  "meeting_held",
  "meeting_booked",
  "meeting_rescheduled",
  "meeting_moved",
  "meeting_canceled",
  "meeting_no_show",
  "meeting_no_show_cleared",
  "meeting_scheduled_manual",
  "meeting_moved_manual",
  "meeting_canceled_manual",
  "meeting_no_show_manual",
  "meeting_no_show_cleared_manual",
  "meeting_found_google",
  "meeting_moved_google",
  "meeting_canceled_google",
  "reply_approved",
  "reply_edited_approved",
  "reply_rejected",
  "reply_auto_sent",
  "task_completed",
  "scoring",
  "legacy",
] as const;
export type ReasonKey = (typeof REASON_KEYS)[number];
/** Keys without a message of their own under `timelineReasons`: the engine's lines, an old sentence. */
export const VERBATIM_REASON_KEYS: readonly ReasonKey[] = ["scoring", "legacy"];

export type ReasonParams = Record<string, unknown>;

/**
 * The label (a message under `leads.fields`, the lead form's own) of every field a timeline
 * entry's `fields` may name: the columns an update or an import merge changed
 * (lib/leads/mutations.ts, lib/leads/csv.ts) and a bulk update's changes (`addTags`, …).
 */
export const REASON_FIELD_LABELS = {
  name: "name",
  email: "email",
  phone: "phone",
  company: "company",
  title: "title",
  status: "status",
  tags: "tags",
  projectId: "project",
  ownerId: "owner",
  addTags: "tags",
  removeTags: "tags",
} as const satisfies Record<string, string>;
/** The `leads.fields` messages a timeline entry reads. */
export const REASON_FIELD_LABEL_KEYS = [...new Set(Object.values(REASON_FIELD_LABELS))];

const KNOWN = new Set<string>(REASON_KEYS);
// Free text inside parameters is capped like the column it replaces.
const MAX_TEXT = 2000;

/**
 * The fields a timeline entry names, each once, by its label (`fieldLabel`, scoped to
 * `leads.fields`); a field without a label (from an older writer) as stored.
 */
function fieldList(params: ReasonParams, fieldLabel: Translate): string {
  const fields = Array.isArray(params.fields)
    ? (params.fields as unknown[]).filter((v): v is string => typeof v === "string")
    : textParam(params, "fields").split(", ").filter(Boolean);
  const labels = fields.map((field) =>
    Object.hasOwn(REASON_FIELD_LABELS, field)
      ? fieldLabel(REASON_FIELD_LABELS[field as keyof typeof REASON_FIELD_LABELS])
      : field,
  );
  return [...new Set(labels)].join(", ");
}

/** Caps free-text parameters (a note inside a rejection, a cancellation's reason) at the old column's length. */
export function capReasonParams(params: ReasonParams): ReasonParams {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === "string" ? v.slice(0, MAX_TEXT) : v]),
  );
}

/**
 * The text of a timeline entry: its key rendered with `t` (scoped to `timelineReasons`), the
 * engine's lines with `heatLine` and the fields it names with `fieldLabel` (scoped to
 * `leads.fields`), or its free text as written, or null when it has neither.
 */
export function renderLeadEventReason(
  key: string | null,
  params: ReasonParams,
  freeText: string | null,
  t: Translate,
  heatLine: HeatLineText,
  fieldLabel: Translate,
): string | null {
  const lines = (p: ReasonParams) => heatLinesText(p.lines, heatLine);
  if (!key) return freeText;
  if (!KNOWN.has(key)) return textParam(params, "text") || freeText;
  const values: Record<string, TranslationValue> = {};
  for (const [k, v] of Object.entries(params)) if (typeof v === "string" || typeof v === "number") values[k] = v;
  for (const k of ["startsAt", "previousAt"]) {
    const date = dateParam(params[k]);
    if (date) values[k] = date;
  }
  // A meeting without a name is stored with an empty title and worded here, in the reader's language.
  if (key.startsWith("meeting_") && !textParam(params, "title")) values.title = t("untitled_meeting");
  switch (key as ReasonKey) {
    case "legacy":
      return textParam(params, "text");
    case "scoring":
      return lines(params).join("\n");
    case "heat_changed": {
      const override = params.override as { by?: unknown; level?: unknown; reason?: unknown } | undefined;
      return [
        t("heat_score", { from: textParam(params, "scoreFrom"), to: textParam(params, "scoreTo") }),
        ...lines(params),
        ...(override && typeof override === "object"
          ? [
              t("heat_pinned", {
                by: String(override.by ?? ""),
                level: String(override.level ?? ""),
                reason: String(override.reason ?? ""),
              }),
            ]
          : []),
      ].join("\n");
    }
    case "status_changed":
      return t("status_changed", {
        from: t("statusLabel", { status: textParam(params, "from") }),
        to: t("statusLabel", { status: textParam(params, "to") }),
      });
    case "created_from_message":
    case "restored_from_message":
      return t(key, { channel: t("channelLabel", { channel: textParam(params, "channel") }) });
    case "fields_updated":
    case "merged_from_import":
    case "bulk_update":
      return t(key, { ...values, fields: fieldList(params, fieldLabel) });
    case "meeting_canceled":
      return t(textParam(params, "reason") ? "meeting_canceled_reason" : "meeting_canceled", values, WHEN_FORMATS);
    case "meeting_held":
      return t(textParam(params, "note") ? "meeting_held_note" : "meeting_held", values, WHEN_FORMATS);
    case "meeting_canceled_manual":
      return t(
        textParam(params, "reason") ? "meeting_canceled_manual_reason" : "meeting_canceled_manual",
        values,
        WHEN_FORMATS,
      );
    default:
      return t(key, values, WHEN_FORMATS);
  }
}
