/**
 * Where a Gmail sync continues, as the one string the sync bookkeeping keeps
 * (google_sync_state.cursor, target 'gmail'). Either Gmail's history id, from which an
 * incremental sync reads what was added, or a full read in progress: the history id taken when
 * it began (the mailbox's state it catches up to), the listing page it resumes at, and whether
 * it is the first read or one that replaces an expired history. Pure.
 */
import { z } from "zod";

const cursorSchema = z.union([
  z.object({ historyId: z.string().min(1).max(64) }).strict(),
  z
    .object({
      full: z
        .object({
          historyId: z.string().min(1).max(64),
          pageToken: z.string().max(500).nullable(),
          // Absent: the first read (cursors written before it was recorded).
          kind: z.enum(["initial", "full_resync"]).optional(),
        })
        .strict(),
    })
    .strict(),
]);
export type GmailCursor = z.infer<typeof cursorSchema>;
/** A full read in progress. */
export type GmailFullSync = Extract<GmailCursor, { full: unknown }>["full"];

export const encodeGmailCursor = (cursor: GmailCursor): string => JSON.stringify(cursor);

/** The stored cursor, or null (start a full sync) when there is none or it cannot be read. */
export function decodeGmailCursor(stored: string | null): GmailCursor | null {
  if (!stored) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
