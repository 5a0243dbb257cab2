import { LOCALE_COOKIE, type Locale } from "@/lib/i18n/config";
import { pickLocale } from "@/lib/i18n/locale";
import { readCookie } from "./cookies";

/**
 * The language to answer a request in: the signed-in user's own choice when the caller knows
 * it (`preference`), else the language picker's cookie, else Accept-Language (API clients say
 * what they read), else English. For problem details, and for emails sent to whoever made the
 * request (a sign-up confirmation, a password reset link).
 */
export function requestLocale(request: Request, preference: Locale | null = null): Locale {
  return pickLocale({
    preference,
    cookie: readCookie(request.headers.get("cookie"), LOCALE_COOKIE),
    acceptLanguage: request.headers.get("accept-language"),
  });
}
