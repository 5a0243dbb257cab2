import { z } from "zod";
import { text } from "@/lib/http/schemas";

/**
 * Shared by route handlers and the forms that call them (no server-only imports here).
 * Messages are keys of the `validation` catalogue namespace (lib/http/validation.ts).
 */
export const passwordSchema = z
  .string({ error: "passwordRequired" })
  // The generic keys, named: the type's own error above would otherwise answer for these too.
  .min(10, "tooSmall")
  .max(72, "tooBig"); // bcrypt reads only the first 72 bytes

export const emailSchema = z
  .string({ error: "emailRequired" })
  .trim()
  .max(254, "emailTooLong")
  .pipe(z.email("emailInvalid"))
  .transform((v) => v.toLowerCase());

export const fullNameSchema = text().min(1, "yourNameRequired").max(120);
export const orgNameSchema = text().min(1, "nameRequired").max(120);

export const signUpSchema = z.object({
  fullName: fullNameSchema,
  email: emailSchema,
  password: passwordSchema,
  organizationName: z.union([z.literal("").transform(() => undefined), orgNameSchema]).optional(),
  inviteToken: z.string().min(20).max(200).optional(),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "yourPasswordRequired").max(200),
});

export const changePasswordSchema = z
  .object({ currentPassword: z.string().min(1, "currentPasswordRequired").max(200), newPassword: passwordSchema })
  .refine((v) => v.currentPassword !== v.newPassword, {
    path: ["newPassword"],
    message: "passwordUnchanged",
  });

export const resetRequestSchema = z.object({ email: emailSchema });
export const confirmSignUpSchema = z.object({ token: z.string().min(20).max(200) });
export const resetConfirmSchema = z.object({ token: z.string().min(20).max(200), newPassword: passwordSchema });
