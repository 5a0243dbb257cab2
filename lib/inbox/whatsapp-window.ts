/**
 * WhatsApp's customer-service window: a business may answer freely for 24 hours after the
 * customer's last message. The one place that says whether a thread is inside it, for the
 * thread view (until when) and for every outbound message (may it be queued).
 */

export const WHATSAPP_WINDOW_MS = 24 * 3_600_000;

type Thread = { medium: string; lastInboundAt: Date | string | null };

/** When the window closes, for a WhatsApp thread whose window is open now; null otherwise. */
export function whatsappWindowOpenUntil(thread: Thread, now = new Date()): Date | null {
  if (thread.medium !== "whatsapp" || !thread.lastInboundAt) return null;
  const end = new Date(new Date(thread.lastInboundAt).getTime() + WHATSAPP_WINDOW_MS);
  return end.getTime() >= now.getTime() ? end : null;
}

/** A free-form message may not be sent: a WhatsApp thread outside its window (SMS has none). */
export function isWhatsappWindowClosed(thread: Thread, now = new Date()): boolean {
  return thread.medium === "whatsapp" && !whatsappWindowOpenUntil(thread, now);
}
