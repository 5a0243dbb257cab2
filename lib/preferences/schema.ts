import { z } from "zod";

/**
 * The user's app preferences (`user_app_preferences`, one row per user): four sections, each a
 * jsonb column. Every field has a default, so a stored document from an older version (a field
 * since added, a value since removed) still reads: unknown or invalid values fall back per
 * field (see lib/preferences/store.ts), never break a page.
 */

export const LANGUAGES = ["en", "de", "he"] as const;
export type Language = (typeof LANGUAGES)[number];

export const THEMES = ["system", "light", "dark"] as const;
export const DIRECTIONS = ["auto", "ltr", "rtl"] as const;
export const DENSITIES = ["comfortable", "compact"] as const;

/** "auto" follows the language's conventions; the others are fixed patterns shown as examples in Settings. */
export const DATE_FORMATS = ["auto", "dd.MM.yyyy", "dd/MM/yyyy", "MM/dd/yyyy", "yyyy-MM-dd"] as const;
export const HOUR_CYCLES = ["auto", "h12", "h23"] as const;
/** ISO weekday numbers (1 = Monday … 7 = Sunday), or "auto" from the number locale's region. */
export const WEEK_STARTS = ["auto", "1", "6", "7"] as const;
/** Locales whose grouping and decimal separators the user may pick for numbers and amounts. */
export const NUMBER_LOCALES = ["auto", "en-US", "en-GB", "de-DE", "de-CH", "fr-CH", "he-IL"] as const;

/** Opt-in beta features the code checks by name (`hasBeta(prefs, "…")`). */
export const BETA_FEATURES = ["compact-inbox", "keyboard-triage"] as const;
export type BetaFeature = (typeof BETA_FEATURES)[number];

/** An IANA zone name this runtime knows ("Europe/Zurich"); `Intl` is the list, not a copy of it. */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** An ISO 4217 code `Intl` can format; where the runtime cannot list them, any three letters. */
export function isCurrency(code: string): boolean {
  try {
    return Intl.supportedValuesOf("currency").includes(code);
  } catch {
    return /^[A-Z]{3}$/.test(code);
  }
}

const currency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "currency")
  .refine(isCurrency, "currencyUnknown");

export const interfaceSettingsSchema = z.object({
  theme: z.enum(THEMES).default("system"),
  language: z.enum(LANGUAGES).default("en"),
  direction: z.enum(DIRECTIONS).default("auto"),
  density: z.enum(DENSITIES).default("comfortable"),
  sidebarCollapsed: z.boolean().default(false),
});

export const dataPreferencesSchema = z.object({
  /** IANA name; null until set (first sign-in suggests the browser's, else the organization's). */
  timeZone: z.string().trim().min(1).max(64).refine(isTimeZone, "timeZoneUnknown").nullable().default(null),
  dateFormat: z.enum(DATE_FORMATS).default("auto"),
  hourCycle: z.enum(HOUR_CYCLES).default("auto"),
  weekStart: z.enum(WEEK_STARTS).default("auto"),
  /** For amounts stored without a currency. */
  currency: currency.default("EUR"),
  numberLocale: z.enum(NUMBER_LOCALES).default("auto"),
});

export const featurePreferencesSchema = z.object({
  beta: z.array(z.enum(BETA_FEATURES)).max(BETA_FEATURES.length).default([]),
  keyboardShortcuts: z.boolean().default(true),
});

/** A signature is a few lines of name, role and contact details, not a newsletter. */
export const EMAIL_SIGNATURE_MAX_LENGTH = 1000;

/** The text put below the user's replies by email (lib/email/reply.ts `signedText`); "" for none. */
export const emailSignatureSchema = z.string().trim().max(EMAIL_SIGNATURE_MAX_LENGTH);

/**
 * Per-user defaults for integrations. Never tokens or secrets: those stay in the encrypted
 * integration tables. Each one is used (lib/preferences/README.md says where); fields since
 * removed (`calendly.bookingNotifications`, now the notification settings' `calendly_bookings`
 * category, and `email.signature`, whose successor is `emailSignature`) are dropped on read and import.
 */
export const integrationSettingsSchema = z.object({
  calendly: z
    .object({
      /** One of the organization's Calendly event types (lib/integrations/calendly/event-types.ts), offered by agents for this user's leads. */
      defaultEventTypeUri: z.string().trim().url().max(500).nullable().default(null),
    })
    .default({ defaultEventTypeUri: null }),
  whatsapp: z
    .object({ preferredNumberId: z.string().uuid().nullable().default(null) })
    .default({ preferredNumberId: null }),
  /** Below the user's replies in email threads, and below AI drafts they approve there. */
  emailSignature: emailSignatureSchema.default(""),
});

export const appPreferencesSchema = z.object({
  interface: interfaceSettingsSchema.default(interfaceSettingsSchema.parse({})),
  data: dataPreferencesSchema.default(dataPreferencesSchema.parse({})),
  features: featurePreferencesSchema.default(featurePreferencesSchema.parse({})),
  integrations: integrationSettingsSchema.default(integrationSettingsSchema.parse({})),
});

export type InterfaceSettings = z.infer<typeof interfaceSettingsSchema>;
export type DataPreferences = z.infer<typeof dataPreferencesSchema>;
export type FeaturePreferences = z.infer<typeof featurePreferencesSchema>;
export type IntegrationSettings = z.infer<typeof integrationSettingsSchema>;
export type AppPreferences = z.infer<typeof appPreferencesSchema>;
export type PreferencesSection = keyof AppPreferences;
export const PREFERENCES_SECTIONS = [
  "interface",
  "data",
  "features",
  "integrations",
] as const satisfies readonly PreferencesSection[];

export const DEFAULT_APP_PREFERENCES: AppPreferences = appPreferencesSchema.parse({});

/**
 * A section's fields, each optional and without its default: zod fills a missing key's default
 * even under `.partial()`, which would turn "change the language" into "and reset the theme".
 * Strict: a misspelt field is an error, never silently dropped.
 */
function patchOf<S extends z.ZodRawShape>(section: z.ZodObject<S>) {
  const shape = Object.fromEntries(
    Object.entries(section.shape).map(([key, field]) => [
      key,
      (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional(),
    ]),
  ) as unknown as { [K in keyof S]: z.ZodOptional<S[K] extends z.ZodDefault<infer T> ? T : S[K]> };
  return z.object(shape).strict();
}

/** A PATCH body: any subset of sections, any subset of fields in each (integrations: per integration). */
export const preferencesPatchSchema = z
  .object({
    interface: patchOf(interfaceSettingsSchema),
    data: patchOf(dataPreferencesSchema),
    features: patchOf(featurePreferencesSchema),
    integrations: z
      .object({
        calendly: patchOf(integrationSettingsSchema.shape.calendly.unwrap()),
        whatsapp: patchOf(integrationSettingsSchema.shape.whatsapp.unwrap()),
        emailSignature: emailSignatureSchema.optional(),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();
export type PreferencesPatch = z.infer<typeof preferencesPatchSchema>;

export const hasBeta = (prefs: AppPreferences, feature: BetaFeature) => prefs.features.beta.includes(feature);
