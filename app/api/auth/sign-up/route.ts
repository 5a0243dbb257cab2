import { authBackend } from "@/lib/auth/backend";
import { signUpSchema } from "@/lib/auth/schema";
import { route } from "@/lib/http/route";

/** Creates the account, or emails the link that does; the answer never tells whether the address has one. */
export const POST = route({ auth: "none", body: signUpSchema }, async ({ body, request }) =>
  (await authBackend()).signUp(body, request),
);
