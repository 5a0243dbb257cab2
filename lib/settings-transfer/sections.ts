/**
 * What the browser and the server share about a settings file (no server code here): its
 * kind, its sections, its size limit, and the preview's shape. The document's zod schema is
 * in ./schema.ts (server-only, as it reuses the owning modules' schemas).
 */

export const SETTINGS_KIND = "kiln.settings";
export const SETTINGS_VERSION = 1;

/** The sections, in the order they are previewed and applied. */
export const SETTINGS_SECTIONS = ["preferences", "notifications", "dashboards", "savedViews"] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

/** A file larger than this is refused (413) before it is parsed. */
export const MAX_SETTINGS_BYTES = 1024 * 1024;

/** One difference between what the user has and what the file holds, at a path inside its section. */
export type SettingsChange = {
  /** Inside the section: "interface.theme", "channels.meeting_booked.email", "layout.heat", "My hot leads". */
  path: string;
  old: unknown;
  new: unknown;
  /** Dashboards only: whose dashboard (null: all projects), as the current organization names it. */
  project?: { id: string; name: string } | null;
};

/** Per chosen section, what importing it would change (an empty list: nothing). */
export type SettingsPreview = Partial<Record<SettingsSection, SettingsChange[]>>;

/**
 * A value of the file that is not imported, and why: today a preferred WhatsApp number that is
 * not one of this organization's (numbers belong to an organization; the rest of the section is
 * imported, the number reads as none).
 */
export type SettingsDrop = { section: SettingsSection; path: string; value: unknown; reason: "notInOrganization" };

/** What previewing or applying an import answers: the changes per section, and what the file holds but is left out. */
export type SettingsImportOutcome = { sections: SettingsPreview; dropped: SettingsDrop[] };

/** The import endpoint's answer (a dry run and an applied import alike). */
export type SettingsImportResult = { dryRun: boolean; applied: boolean } & SettingsImportOutcome;
