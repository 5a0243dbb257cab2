import { authBackend } from "@/lib/auth/backend";
import { resetConfirmSchema } from "@/lib/auth/schema";
import { route } from "@/lib/http/route";

export const POST = route({ auth: "none", body: resetConfirmSchema }, async ({ body }) => {
  await (await authBackend()).resetPassword(body.token, body.newPassword);
  return { ok: true };
});
