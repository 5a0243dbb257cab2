/**
 * The lead list's optional columns, in table order: the column chooser and the table
 * (components/leads) show them, and lib/i18n/dynamic-keys.ts names a label for each. Client-safe:
 * no imports, so the browser bundle and the catalogue check read the same list.
 */
export const OPTIONAL_COLUMNS = [
  "bant",
  "owner",
  "status",
  "project",
  "tags",
  "lastActivity",
  "email",
  "phone",
  "source",
  "created",
] as const;
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];
/** What a browser that never chose shows. */
export const DEFAULT_COLUMNS: OptionalColumn[] = ["bant", "owner", "status", "project", "tags", "lastActivity"];
