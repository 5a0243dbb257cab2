import { z } from "zod";
import { text } from "@/lib/http/schemas";
import { leadsContextSchema } from "@/lib/session-state/schema";

/** The lists a view can be saved of (the table's `kind` check says the same). */
export const SAVED_VIEW_KINDS = ["leads"] as const;
export type SavedViewKind = (typeof SAVED_VIEW_KINDS)[number];
/** Views one user keeps per organization and list. */
export const MAX_SAVED_VIEWS = 50;

/** A lead-list view: its filters (URL parameters), sort and columns; the same shape the session state keeps. */
export const savedViewDefinitionSchema = leadsContextSchema;
export type SavedViewDefinition = z.infer<typeof savedViewDefinitionSchema>;

export const savedViewNameSchema = text().min(1, "viewNameRequired").max(80, "nameKeepUnder");

export const createSavedViewSchema = z.object({
  name: savedViewNameSchema,
  kind: z.enum(SAVED_VIEW_KINDS).default("leads"),
  definition: savedViewDefinitionSchema,
});
export type CreateSavedViewInput = z.infer<typeof createSavedViewSchema>;
/** One view as the settings export writes it and the import reads it (lib/settings-transfer). */
export const savedViewInputSchema = createSavedViewSchema;

export const updateSavedViewSchema = z
  .object({ name: savedViewNameSchema.optional(), definition: savedViewDefinitionSchema.optional() })
  .refine((input) => input.name !== undefined || input.definition !== undefined, "changeNameOrView");
export type UpdateSavedViewInput = z.infer<typeof updateSavedViewSchema>;

/** What replaceSavedViews (the settings import) takes: the whole set for one organization. */
export const savedViewsSetSchema = z.array(createSavedViewSchema).max(MAX_SAVED_VIEWS);

export type SavedView = {
  id: string;
  name: string;
  kind: SavedViewKind;
  definition: SavedViewDefinition;
  createdAt: string;
  updatedAt: string;
};
