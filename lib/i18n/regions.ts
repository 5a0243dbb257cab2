import { getCountries } from "libphonenumber-js";

export type CountryOption = { code: string; label: string };

/**
 * Countries named and sorted in `locale`, for a picker. Computed on the server and passed to
 * the client as data: the browser's own Intl data may name or order regions differently from
 * the server's (another ICU version), and the two renders must be the same text.
 */
export function countryOptions(locale: string): CountryOption[] {
  const names = new Intl.DisplayNames([locale], { type: "region" });
  return getCountries()
    .map((code) => ({ code, label: names.of(code) ?? code }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}
