import "server-only";
import { z } from "zod";
import {
  layoutSchema,
  preferencesSchema as dashboardPreferencesSchema,
  visibilitySchema,
} from "@/lib/dashboard/schema";
import { notificationSettingsSchema } from "@/lib/notifications/settings";
import { appPreferencesSchema } from "@/lib/preferences/schema";
import { savedViewsSetSchema } from "@/lib/saved-views/schema";
import { SETTINGS_KIND } from "./sections";

/**
 * The settings document a user exports and imports (`GET /api/v1/settings/export`,
 * `POST /api/v1/settings/import`). Each section reuses the owning module's own schema, so the
 * file accepts exactly what Settings accepts. `version` is the discriminator: a v2 is one more
 * member of `settingsDocumentSchema`, and a file of a version this Kiln does not read is refused
 * with an error on `version` rather than half-read.
 */

/**
 * Which project a dashboard belongs to, where it was exported: matched on import by id in the
 * current organization, else by name (case-insensitive, as project names are unique that way).
 */
export const projectRefSchema = z.object({
  id: z.uuid().nullish(),
  name: z.string().trim().min(1).max(200),
});
export type ProjectRef = z.infer<typeof projectRefSchema>;

export const dashboardEntrySchema = z.object({
  /** null: the user's "all projects" dashboard. */
  project: projectRefSchema.nullable(),
  visibility: visibilitySchema,
  layout: layoutSchema,
  preferences: dashboardPreferencesSchema,
});
export type DashboardEntry = z.infer<typeof dashboardEntrySchema>;

const sectionsV1Schema = z
  .object({
    // Inside a section unknown fields are dropped, not refused: v1 files of an older Kiln carry
    // `integrations.calendly.bookingNotifications` and `integrations.email.signature`, since removed.
    preferences: appPreferencesSchema,
    notifications: notificationSettingsSchema,
    dashboards: z.array(dashboardEntrySchema).max(200),
    savedViews: savedViewsSetSchema.superRefine((views, ctx) => {
      // Names are unique per list whatever their case; a file naming one twice is ambiguous.
      const seen = new Set<string>();
      views.forEach((view, index) => {
        const key = `${view.kind}\u0000${view.name.toLowerCase()}`;
        if (seen.has(key))
          ctx.addIssue({
            code: "custom",
            path: [index, "name"],
            params: { duplicateView: true },
            message: "duplicate",
          });
        seen.add(key);
      });
    }),
  })
  // A file may carry only some sections (a hand-trimmed export); a section it names must be known.
  .partial()
  .strict();

export const settingsDocumentV1Schema = z.object({
  kind: z.literal(SETTINGS_KIND),
  version: z.literal(1),
  exportedAt: z.iso.datetime({ offset: true }).optional(),
  user: z.object({ email: z.string().max(320) }).optional(),
  sections: sectionsV1Schema,
});

/** Every version this Kiln reads, told apart by `version`. */
export const settingsDocumentSchema = z.discriminatedUnion("version", [settingsDocumentV1Schema]);
export type SettingsDocument = z.infer<typeof settingsDocumentSchema>;
export type SettingsSections = SettingsDocument["sections"];
