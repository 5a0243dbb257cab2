"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { SelectField } from "@/components/ui/field";
import { useHydrated } from "@/lib/client/use-hydrated";
import { languageName, LOCALE_COOKIE, LOCALES } from "@/lib/i18n/config";
import { languageOf } from "@/lib/i18n/formats";

const ONE_YEAR = 60 * 60 * 24 * 365;

/**
 * The sign-in and sign-up pages' language: kept in the `kiln-locale` cookie, which the server
 * reads for every visitor who has not chosen a language in their preferences (lib/i18n/locale.ts).
 */
export function LanguagePicker() {
  const t = useTranslations("auth");
  const router = useRouter();
  const hydrated = useHydrated();
  const current = languageOf(useLocale());
  return (
    <SelectField
      label={t("language")}
      value={current}
      disabled={!hydrated}
      data-testid="language-picker"
      className="w-48"
      onChange={(e) => {
        document.cookie = `${LOCALE_COOKIE}=${e.target.value}; path=/; max-age=${ONE_YEAR}; samesite=lax`;
        router.refresh();
      }}
    >
      {LOCALES.map((language) => (
        <option key={language} value={language} lang={language}>
          {languageName(language)}
        </option>
      ))}
    </SelectField>
  );
}
