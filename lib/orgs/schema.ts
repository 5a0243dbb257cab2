import { z } from "zod";
import { text } from "@/lib/http/schemas";
import { emailSchema, orgNameSchema } from "@/lib/auth/schema";
import { roleSchema } from "@/lib/auth/roles";

export const createOrganizationSchema = z.object({ name: orgNameSchema });

/** Settings → Organization: the name and the tenant-wide switches (admins and owners). */
export const updateOrganizationSchema = z
  .object({
    name: orgNameSchema.optional(),
    repsSeeOwnLeadsOnly: z.boolean().optional(),
    defaultCountry: z
      .union([z.literal("").transform(() => null), z.string().regex(/^[A-Z]{2}$/, "Choose a country."), z.null()])
      .optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "Nothing to change." });
export type UpdateOrganizationInput = z.infer<typeof updateOrganizationSchema>;
export const inviteSchema = z.object({ email: emailSchema, role: roleSchema });
export const changeRoleSchema = z.object({ role: roleSchema });
export const switchOrganizationSchema = z.object({ orgId: z.uuid("Choose an organization.") });

export const projectSchema = z.object({
  name: text().min(1, "Enter a project name.").max(120, "Use at most 120 characters."),
  description: text().max(2000, "Use at most 2000 characters.").default(""),
});
export const updateProjectSchema = z
  .object({
    name: projectSchema.shape.name.optional(),
    description: text().max(2000, "Use at most 2000 characters.").optional(),
    archived: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "Nothing to change." });

export const updateProfileSchema = z.object({
  fullName: text().min(1, "Enter your name.").max(120, "Use at most 120 characters."),
});
