import { WHEN_FORMATS, type Translate } from "@/lib/i18n/translate";
import { groupForDigest } from "./quiet-hours";

/** A held notification, already rendered in the recipient's language (render.ts). */
export type HeldItem = { createdAt: Date; category: string; title: string; message: string; actionUrl: string | null };

export type DigestContent = {
  subject: string;
  text: string;
  pushTitle: string;
  pushBody: string;
  sms: string;
  url: string;
};

/**
 * The one message summarizing what was held during quiet hours, for each channel's format, in
 * the recipient's language and time zone: `t` is scoped to `notificationTexts` (messages under `digest`).
 */
export function digestContent(items: HeldItem[], options: { appUrl: string; t: Translate }): DigestContent {
  const { t } = options;
  const summary = groupForDigest(items, { latest: 10 });
  const counts = summary.categories
    .map((c) => t("digest.categoryCount", { category: c.category, count: c.count }))
    .join(t("digest.separator"));
  const subject = t("digest.subject", { count: summary.total });
  const link = (url: string | null) => (url ? new URL(url, options.appUrl).toString() : null);
  const lines = summary.latest.map((item) => {
    const url = link(item.actionUrl);
    return `• ${item.title}${item.message ? ` — ${item.message}` : ""}${url ? `\n  ${url}` : ""}`;
  });
  const url = new URL("/notifications", options.appUrl).toString();
  const intro = summary.from
    ? t("digest.introSince", { subject, since: summary.from, counts }, WHEN_FORMATS)
    : t("digest.intro", { subject, counts });
  const text = [
    intro,
    "",
    ...lines,
    ...(summary.more > 0 ? ["", t("digest.more", { count: summary.more })] : []),
    "",
    t("digest.all", { url }),
    t("digest.settings", { url: new URL("/settings/notifications", options.appUrl).toString() }),
  ].join("\n");
  return {
    subject,
    text,
    pushTitle: subject,
    pushBody: counts,
    sms: t("digest.sms", { subject, counts, url }).slice(0, 320),
    url: "/notifications",
  };
}
