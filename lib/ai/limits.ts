import { MAX_REPLY_LENGTH, type DraftRequest } from "./types";

/** How long a reply may be per channel: two SMS segments, a readable WhatsApp message, a spoken turn. */
export const REPLY_LIMITS: Record<DraftRequest["channel"], number> = {
  sms: 320,
  whatsapp: 1000,
  voice: 600,
  email: MAX_REPLY_LENGTH,
};

/** How much conversation a prompt carries: the latest turns, each cut to a readable length. */
export const HISTORY_TURNS = 20;
export const TURN_CHARS = 1000;
/** Organization-written prompt fields are trusted but still bounded. */
export const BRIEF_FIELD_CHARS = 2000;
