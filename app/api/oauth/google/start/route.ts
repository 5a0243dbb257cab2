import { env } from "@/lib/env";
import { route } from "@/lib/http/route";
import { googleClient } from "@/lib/integrations/google/config";
import { startGoogleOAuth } from "@/lib/integrations/google/connect";
import { googleStartQuery } from "@/lib/integrations/google/schema";

export const dynamic = "force-dynamic";

// Built by hand: Response.redirect() has immutable headers, and route() adds the request id.
const redirect = (url: URL | string, status = 303) =>
  new Response(null, {
    status,
    headers: { location: url.toString(), "cache-control": "no-store", "referrer-policy": "no-referrer" },
  });

/** "Connect Google" (or turn on a part): PKCE + a session-bound state, then off to Google's consent screen. */
export const GET = route({ auth: "none", query: googleStartQuery }, async ({ session, query }) => {
  if (!session)
    return redirect(new URL(`/sign-in?next=${encodeURIComponent("/settings/integrations")}`, env().APP_URL));
  const settings = new URL("/settings/integrations", env().APP_URL);
  if (!session.org || !googleClient()) {
    settings.searchParams.set("google_error", session.org ? "not_configured" : "role");
    return redirect(settings);
  }
  return redirect(await startGoogleOAuth(session, query.parts), 302);
});
