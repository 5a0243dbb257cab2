import { NextIntlClientProvider } from "next-intl";
import type { ComponentProps } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { EmailBody } from "@/components/inbox/email-body";
import en from "@/lib/i18n/messages/en.json";

/** The markup of an email body as the server renders it in English. */
export function renderEmailBody(props: ComponentProps<typeof EmailBody>): string {
  return renderToStaticMarkup(
    <NextIntlClientProvider locale="en" messages={en} timeZone="UTC">
      <EmailBody {...props} />
    </NextIntlClientProvider>,
  );
}

const ENTITIES: Record<string, string> = { amp: "&", quot: '"', lt: "<", gt: ">", "#x27": "'", "#39": "'" };

/** The value of `name` on the first `tag` in `markup`, entities decoded (names without case: React writes `srcDoc`). */
export function attributeOf(markup: string, tag: string, name: string): string | null {
  const element = markup.match(new RegExp(`<${tag}\\b[^>]*>`))?.[0];
  const raw = element?.match(new RegExp(`\\s${name}="([^"]*)"`, "i"))?.[1];
  return raw == null ? null : raw.replace(/&(amp|quot|lt|gt|#x27|#39);/g, (_, e: string) => ENTITIES[e]!);
}
