import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

/**
 * Normalises a phone number to E.164 with libphonenumber-js. A number without a
 * country code is read in the organization's default country, if it has one.
 * Returns null for anything that is not a valid number.
 */
export function normalizePhone(input: string, defaultCountry?: string | null): string | null {
  const cleaned = input.trim().replace(/^whatsapp:/i, "");
  if (!cleaned) return null;
  const parsed = parsePhoneNumberFromString(
    cleaned,
    (defaultCountry?.toUpperCase() as CountryCode | undefined) ?? undefined,
  );
  return parsed?.isValid() ? parsed.number : null;
}
