import { directionOf } from "@/lib/i18n/config";
import { appPreferencesSchema, type AppPreferences, type InterfaceSettings, type PreferencesPatch } from "./schema";

/** Until a zone is stored (the browser's, on first sign-in) days and times are in UTC; organizations carry no zone. */
export const FALLBACK_TIME_ZONE = "UTC";

/** The zone every date and time is shown in for this user. */
export const timeZoneOf = (prefs: AppPreferences): string => prefs.data.timeZone ?? FALLBACK_TIME_ZONE;

/** The document's direction: the user's override, else the direction of the language the page is in. */
export const documentDirection = (
  direction: InterfaceSettings["direction"] | undefined,
  locale: string,
): "ltr" | "rtl" => (direction === "ltr" || direction === "rtl" ? direction : directionOf(locale));

/** `prefs` over `patch`: each section field by field, integrations per integration. */
export function mergePreferences(prefs: AppPreferences, patch: PreferencesPatch): AppPreferences {
  const integrations = patch.integrations ?? {};
  return appPreferencesSchema.parse({
    interface: { ...prefs.interface, ...patch.interface },
    data: { ...prefs.data, ...patch.data },
    features: { ...prefs.features, ...patch.features },
    integrations: {
      calendly: { ...prefs.integrations.calendly, ...integrations.calendly },
      whatsapp: { ...prefs.integrations.whatsapp, ...integrations.whatsapp },
      emailSignature: integrations.emailSignature ?? prefs.integrations.emailSignature,
    },
  });
}
