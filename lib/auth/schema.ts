import { z } from "zod";
import { text } from "@/lib/http/schemas";

/** Shared by route handlers and the forms that call them (no server-only imports here). */
export const passwordSchema = z
  .string({ error: "Enter a password." })
  .min(10, "Use at least 10 characters.")
  .max(72, "Use at most 72 characters."); // bcrypt reads only the first 72 bytes

export const emailSchema = z
  .string({ error: "Enter an email address." })
  .trim()
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address."))
  .transform((v) => v.toLowerCase());

export const fullNameSchema = text().min(1, "Enter your name.").max(120, "Use at most 120 characters.");
export const orgNameSchema = text().min(1, "Enter a name.").max(120, "Use at most 120 characters.");

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
  password: z.string().min(1, "Enter your password.").max(200),
});

export const changePasswordSchema = z
  .object({ currentPassword: z.string().min(1, "Enter your current password.").max(200), newPassword: passwordSchema })
  .refine((v) => v.currentPassword !== v.newPassword, {
    path: ["newPassword"],
    message: "Choose a password you are not using now.",
  });

export const resetRequestSchema = z.object({ email: emailSchema });
export const confirmSignUpSchema = z.object({ token: z.string().min(20).max(200) });
export const resetConfirmSchema = z.object({ token: z.string().min(20).max(200), newPassword: passwordSchema });
