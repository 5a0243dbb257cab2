import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db";
import { mergePreferences } from "./derived";
import {
  appPreferencesSchema,
  dataPreferencesSchema,
  featurePreferencesSchema,
  integrationSettingsSchema,
  interfaceSettingsSchema,
  type AppPreferences,
  type PreferencesPatch,
} from "./schema";

/**
 * The one writer of `public.user_app_preferences`. Every function runs in the caller's
 * transaction: under withRls a user reaches only their own row (the policies say so), so a
 * `userId` of someone else reads defaults and writes nothing.
 */

type Row = {
  interface_settings: unknown;
  data_preferences: unknown;
  feature_preferences: unknown;
  integration_settings: unknown;
};

const COLUMNS = "interface_settings, data_preferences, feature_preferences, integration_settings";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The object schema under a field's `.default()`, when the field is a nested section. */
function nestedObject(field: z.ZodType): z.ZodObject | null {
  const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field;
  return inner instanceof z.ZodObject ? inner : null;
}

/**
 * A stored section read field by field: a value that no longer fits (a theme since removed, a
 * hand-edited row) becomes that field's default while its neighbours keep what the user chose.
 */
export function readSection<S extends z.ZodObject>(schema: S, stored: unknown): z.infer<S> {
  const source = isRecord(stored) ? stored : {};
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape) as [string, z.ZodType][]) {
    const nested = nestedObject(field);
    if (nested) {
      out[key] = readSection(nested, source[key]);
      continue;
    }
    const parsed = field.safeParse(source[key]);
    out[key] = parsed.success ? parsed.data : field.parse(undefined);
  }
  return out as z.infer<S>;
}

function fromRow(row: Row | undefined): AppPreferences {
  return {
    interface: readSection(interfaceSettingsSchema, row?.interface_settings),
    data: readSection(dataPreferencesSchema, row?.data_preferences),
    features: readSection(featurePreferencesSchema, row?.feature_preferences),
    integrations: readSection(integrationSettingsSchema, row?.integration_settings),
  };
}

export type LoadedPreferences = {
  preferences: AppPreferences;
  /** Whether the user ever chose a language: until then the request's language (cookie, browser) applies. */
  languageChosen: boolean;
};

/** The preferences and which defaults the user never overrode. */
export async function loadPreferences(tx: Tx, userId: string): Promise<LoadedPreferences> {
  const { rows } = await tx.query<Row>(`select ${COLUMNS} from public.user_app_preferences where user_id = $1`, [
    userId,
  ]);
  const row = rows[0];
  const stored = isRecord(row?.interface_settings) ? row.interface_settings : {};
  return {
    preferences: fromRow(row),
    languageChosen: interfaceSettingsSchema.shape.language.safeParse(stored.language ?? null).success,
  };
}

/** The user's preferences: the defaults when they have no row, per field where a stored value is invalid. */
export async function getPreferences(tx: Tx, userId: string): Promise<AppPreferences> {
  return (await loadPreferences(tx, userId)).preferences;
}

async function write(tx: Tx, userId: string, prefs: AppPreferences): Promise<void> {
  await tx.query(
    `insert into public.user_app_preferences (user_id, ${COLUMNS}) values ($1, $2, $3, $4, $5)
     on conflict (user_id) do update set
       interface_settings = excluded.interface_settings, data_preferences = excluded.data_preferences,
       feature_preferences = excluded.feature_preferences, integration_settings = excluded.integration_settings`,
    [userId, prefs.interface, prefs.data, prefs.features, prefs.integrations],
  );
}

/** Locks the user's row (creating it) so two concurrent patches of different fields both land. */
async function lockRow(tx: Tx, userId: string): Promise<AppPreferences> {
  await tx.query("insert into public.user_app_preferences (user_id) values ($1) on conflict (user_id) do nothing", [
    userId,
  ]);
  const { rows } = await tx.query<Row>(
    `select ${COLUMNS} from public.user_app_preferences where user_id = $1 for update`,
    [userId],
  );
  return fromRow(rows[0]);
}

/** Applies a partial change and answers the whole result (fields not named keep their value). */
export async function updatePreferences(tx: Tx, userId: string, patch: PreferencesPatch): Promise<AppPreferences> {
  const next = mergePreferences(await lockRow(tx, userId), patch);
  await write(tx, userId, next);
  return next;
}

/** Replaces every section (an import): what is not in `prefs` is its default afterwards. */
export async function replacePreferences(tx: Tx, userId: string, prefs: AppPreferences): Promise<void> {
  await write(tx, userId, appPreferencesSchema.parse(prefs));
}

/**
 * The browser's zone on first sign-in: stored only while the user has none, so a zone chosen
 * in Settings is never overwritten by whichever device signs in next. True when it was stored.
 */
export async function suggestTimeZone(tx: Tx, userId: string, timeZone: string): Promise<boolean> {
  const current = await lockRow(tx, userId);
  if (current.data.timeZone) return false;
  await write(tx, userId, mergePreferences(current, { data: { timeZone } }));
  return true;
}
