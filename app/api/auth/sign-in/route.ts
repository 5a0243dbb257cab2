import { authBackend } from "@/lib/auth/backend";
import { signInSchema } from "@/lib/auth/schema";
import { route } from "@/lib/http/route";

export const POST = route({ auth: "none", body: signInSchema }, async ({ body, request }) =>
  (await authBackend()).signIn(body, request),
);
