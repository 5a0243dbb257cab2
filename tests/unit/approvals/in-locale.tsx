import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import de from "@/lib/i18n/messages/de.json";
import en from "@/lib/i18n/messages/en.json";
import he from "@/lib/i18n/messages/he.json";

export const CATALOGUES = { en, de, he };

/** The text a reader of `locale` sees of a client component (markup stripped). */
export function textInLocale(locale: keyof typeof CATALOGUES, element: ReactElement): string {
  const html = renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={CATALOGUES[locale]} timeZone="UTC">
      {element}
    </NextIntlClientProvider>,
  );
  return html.replace(/<[^>]+>/g, "");
}
