/**
 * Why a task left the queue without a person's decision, as a kind and parameters (never a
 * sentence): `hil_tasks.decision_note_kind` / `decision_note_params`, worded at read time in the
 * reader's language (messages under `approvals.decisionNotes` in lib/i18n/messages/*.json). What
 * a reviewer typed when rejecting stays in `decision_note` as written: it is their text.
 * Pure: no server code, so the browser can render with the same function.
 */
import { storedText, textOfKind, type TextOfKind, type TextParams } from "@/lib/i18n/text-kinds";
import { textParam, type Translate } from "@/lib/i18n/translate";

export const DECISION_NOTE_KINDS = [
  /** The agent drafted again for the same thread. */
  "newer_draft",
  /** The lead wrote again before anyone decided. */
  "lead_wrote",
  /** A person (`name`) answered in the thread themselves. */
  "person_replied",
  /** A person (`name`) took the thread over from the AI. */
  "taken_over",
  /** Nobody decided before the task expired. */
  "expired",
] as const;
export type DecisionNoteKind = (typeof DECISION_NOTE_KINDS)[number];
export type DecisionReason = TextOfKind<DecisionNoteKind>;

export const decisionReason: (kind: DecisionNoteKind, params?: TextParams) => DecisionReason = textOfKind;

/** The stored columns as a DecisionReason, or null when there is none (or a kind this code does not know). */
export const storedDecisionReason = (kind: string | null, params: unknown): DecisionReason | null =>
  storedText(DECISION_NOTE_KINDS, { kind, params }, null);

/**
 * The note a reader sees, with `t` scoped to `approvals`: the reviewer's own words, else the
 * reason in the reader's language, else nothing.
 */
export function renderDecisionNote(note: string | null, reason: DecisionReason | null, t: Translate): string | null {
  if (note) return note;
  if (!reason || !DECISION_NOTE_KINDS.includes(reason.kind)) return null;
  return t(`decisionNotes.${reason.kind}`, { name: textParam(reason.params, "name") || t("someone") });
}
