import { setSessionCookie } from "@/lib/auth/cookies";
import { confirmSignUp } from "@/lib/auth/local";
import { confirmSignUpSchema } from "@/lib/auth/schema";
import { route } from "@/lib/http/route";

/** The emailed sign-up link's button: creates the account and signs it in. */
export const POST = route({ auth: "none", body: confirmSignUpSchema }, async ({ body, request }) => {
  const issued = await confirmSignUp(body.token, request.headers.get("user-agent"));
  return setSessionCookie(Response.json({ userId: issued.userId, orgId: issued.orgId }, { status: 201 }), issued.token);
});
