import { formatWhen } from "./compose";
import { groupForDigest } from "./quiet-hours";

export type HeldItem = { createdAt: Date; category: string; title: string; message: string; actionUrl: string | null };

const CATEGORY_LABEL: Record<string, string> = {
  lead_updates: "lead update",
  meeting_reminders: "meeting reminder",
  bant_qualifications: "BANT qualification",
  calendly_bookings: "Calendly booking",
  heat_progressions: "heat progression",
  approvals: "approval",
  inbox_messages: "inbox message",
  integrations: "integration alert",
};

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

export type DigestContent = { subject: string; text: string; pushTitle: string; pushBody: string; sms: string; url: string };

/** The one message summarizing what was held during quiet hours, for each channel's format. */
export function digestContent(items: HeldItem[], options: { appUrl: string; timeZone: string }): DigestContent {
  const summary = groupForDigest(items, { latest: 10 });
  const counts = summary.categories.map((c) => plural(c.count, CATEGORY_LABEL[c.category] ?? c.category)).join(", ");
  const since = summary.from ? formatWhen(summary.from.toISOString(), options.timeZone) : "";
  const subject = `${plural(summary.total, "notification")} while you were away`;
  const link = (url: string | null) => (url ? new URL(url, options.appUrl).toString() : null);
  const lines = summary.latest.map((item) => {
    const url = link(item.actionUrl);
    return `• ${item.title}${item.message ? ` — ${item.message}` : ""}${url ? `\n  ${url}` : ""}`;
  });
  const url = new URL("/notifications", options.appUrl).toString();
  const text = [
    `${subject} (since ${since}): ${counts}.`,
    "",
    ...lines,
    ...(summary.more > 0 ? ["", `…and ${summary.more} more.`] : []),
    "",
    `All notifications: ${url}`,
    `Quiet hours and channels: ${new URL("/settings/notifications", options.appUrl).toString()}`,
  ].join("\n");
  return {
    subject,
    text,
    pushTitle: subject,
    pushBody: counts,
    sms: `Kiln: ${subject}: ${counts}. ${url}`.slice(0, 320),
    url: "/notifications",
  };
}
