import { resetPassword } from "@/lib/auth/local";
import { resetConfirmSchema } from "@/lib/auth/schema";
import { route } from "@/lib/http/route";

export const POST = route({ auth: "none", body: resetConfirmSchema }, async ({ body }) => {
  await resetPassword(body.token, body.newPassword);
  return { ok: true };
});
