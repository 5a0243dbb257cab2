import { route } from "@/lib/http/route";
import { calendlyClient } from "@/lib/integrations/calendly/config";
import { startCalendlyOAuth } from "@/lib/integrations/calendly/connect";
import { can } from "@/lib/auth/permissions";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

// Built by hand: Response.redirect() has immutable headers, and route() adds the request id.
const redirect = (url: URL | string, status = 303) =>
  new Response(null, {
    status,
    headers: { location: url.toString(), "cache-control": "no-store", "referrer-policy": "no-referrer" },
  });
const settings = (params: Record<string, string>) => {
  const url = new URL("/settings/integrations", env().APP_URL);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return redirect(url);
};

/** "Connect Calendly": PKCE + a session-bound state, then off to Calendly's consent screen. */
export const GET = route({ auth: "none" }, async ({ session }) => {
  if (!session)
    return redirect(new URL(`/sign-in?next=${encodeURIComponent("/settings/integrations")}`, env().APP_URL));
  if (!session.org || !can(session.org.role, "manageIntegrations")) return settings({ calendly_error: "role" });
  if (!calendlyClient()) return settings({ calendly_error: "not_configured" });
  return redirect(await startCalendlyOAuth(session), 302);
});
