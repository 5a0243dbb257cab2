import { translatorFor } from "@/lib/i18n/translator";
import { renderLeadEventReason } from "@/lib/leads/reasons";
import { heatLineTextFor } from "@/lib/scoring/readers";

/** The columns a timeline entry's text is made of, for tests that read public.lead_events directly. */
export const REASON_COLUMNS = "reason, reason_key, reason_params";

type Stored = { reason: string | null; reason_key: string | null; reason_params: Record<string, unknown> };

const english = translatorFor("en", "timelineReasons", "UTC");
const englishHeatLines = heatLineTextFor("en", "UTC");
const englishFieldLabels = translatorFor("en", "leads.fields");

/** The row with `reason` as a reader sees it: its free text, or its key rendered in English (UTC). */
export function withReasonText<T extends Stored>(row: T): T {
  return {
    ...row,
    reason: renderLeadEventReason(
      row.reason_key,
      row.reason_params,
      row.reason,
      english,
      englishHeatLines,
      englishFieldLabels,
    ),
  };
}
