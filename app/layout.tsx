import type { Metadata } from "next";
import { headers } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { BrowserTimeZone } from "@/components/settings/preferences/browser-time-zone";
import { languageOf } from "@/lib/i18n/formats";
import { currentPreferences } from "@/lib/preferences/current";
import { documentDirection } from "@/lib/preferences/derived";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Kiln", template: "%s · Kiln" },
  description: "Open-source sales CRM with BANT and HEAT lead qualification.",
};

/**
 * The document as the user left it, from the first byte: their language (`lang`), direction
 * (`dir`), theme (a class for light or dark; "system" is resolved by next-themes' script before
 * paint) and density, all from their preferences on the server, so nothing flashes or shifts.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, loaded, headerList] = await Promise.all([getLocale(), currentPreferences(), headers()]);
  const nonce = headerList.get("x-nonce") ?? undefined;
  const language = languageOf(locale);
  const prefs = loaded?.preferences;
  const dir = documentDirection(prefs?.interface.direction, language);
  const theme = prefs?.interface.theme;
  const themeClass = theme === "light" || theme === "dark" ? theme : undefined;
  return (
    <html
      lang={language}
      dir={dir}
      className={themeClass}
      style={themeClass ? { colorScheme: themeClass } : undefined}
      data-density={prefs?.interface.density ?? "comfortable"}
      suppressHydrationWarning
    >
      <head>
        {theme && (
          // The stored theme wins over what this browser last kept: next-themes reads it next, before paint.
          <script
            nonce={nonce}
            dangerouslySetInnerHTML={{
              __html: `try{localStorage.setItem("theme",${JSON.stringify(theme)})}catch(e){}`,
            }}
          />
        )}
      </head>
      <body className="min-h-screen font-sans">
        <NextIntlClientProvider>
          <Providers nonce={nonce} dir={dir} theme={theme}>
            {children}
            {loaded && !prefs?.data.timeZone && <BrowserTimeZone />}
          </Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
