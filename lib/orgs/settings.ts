/**
 * The organization's tenant-wide switches, stored as a JSON bag in `organizations.settings`
 * (the database checks each key's shape, organizations_settings_check). Every reader goes
 * through parseOrganizationSettings, so a missing key has one default and a key's name is
 * spelt in one place; the row-level security policy on leads reads
 * `reps_see_own_leads_only` in SQL.
 */
import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db";

const storedSettingsSchema = z.object({
  // Reps see only the leads they own (managers and up see all).
  reps_see_own_leads_only: z.boolean().catch(false).default(false),
  // ISO 3166 country for phone numbers typed without a country code.
  default_country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable()
    .catch(null)
    .default(null),
});

export type OrganizationSettings = { repsSeeOwnLeadsOnly: boolean; defaultCountry: string | null };

/** The stored bag (any shape, null for none) as typed settings with defaults. */
export function parseOrganizationSettings(stored: unknown): OrganizationSettings {
  const parsed = storedSettingsSchema.parse(stored && typeof stored === "object" ? stored : {});
  return { repsSeeOwnLeadsOnly: parsed.reps_see_own_leads_only, defaultCountry: parsed.default_country };
}

/** The stored keys for a partial change (merged into the bag with `||`). */
export function organizationSettingsPatch(change: Partial<OrganizationSettings>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if (change.repsSeeOwnLeadsOnly !== undefined) patch.reps_see_own_leads_only = change.repsSeeOwnLeadsOnly;
  if (change.defaultCountry !== undefined) patch.default_country = change.defaultCountry;
  return patch;
}

/** One organization's settings, as the caller may see them (defaults when it is not visible). */
export async function getOrganizationSettings(tx: Tx, orgId: string): Promise<OrganizationSettings> {
  const { rows } = await tx.query<{ settings: unknown }>("select settings from public.organizations where id = $1", [
    orgId,
  ]);
  return parseOrganizationSettings(rows[0]?.settings);
}
