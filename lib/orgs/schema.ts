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
      .union([z.literal("").transform(() => null), z.string().regex(/^[A-Z]{2}$/, "countryRequired"), z.null()])
      .optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "nothingToChange" });
export type UpdateOrganizationInput = z.infer<typeof updateOrganizationSchema>;
export const inviteSchema = z.object({ email: emailSchema, role: roleSchema });
export const changeRoleSchema = z.object({ role: roleSchema });
export const switchOrganizationSchema = z.object({ orgId: z.uuid("organizationRequired") });

export const projectSchema = z.object({
  name: text().min(1, "projectNameRequired").max(120),
  description: text().max(2000).default(""),
});
export const updateProjectSchema = z
  .object({
    name: projectSchema.shape.name.optional(),
    description: text().max(2000).optional(),
    archived: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "nothingToChange" });

export const updateProfileSchema = z.object({
  fullName: text().min(1, "yourNameRequired").max(120),
});
