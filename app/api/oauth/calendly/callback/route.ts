import { env } from "@/lib/env";
import { route } from "@/lib/http/route";
import { completeCalendlyOAuth } from "@/lib/integrations/calendly/connect";

export const dynamic = "force-dynamic";

/**
 * Calendly sends the admin back here. Whatever happens, they land on Settings → Integrations
 * with a result the page explains; the code and tokens never appear in a URL we produce.
 */
export const GET = route({ auth: "none" }, async ({ request, session }) => {
  const params = new URL(request.url).searchParams;
  const back = (result: Record<string, string>) => {
    const url = new URL("/settings/integrations", env().APP_URL);
    for (const [key, value] of Object.entries(result)) url.searchParams.set(key, value);
    return new Response(null, {
      status: 303,
      headers: { location: url.toString(), "cache-control": "no-store", "referrer-policy": "no-referrer" },
    });
  };
  // The state is bound to a session: without one there is nothing to match it against.
  if (!session) return back({ calendly_error: "state" });
  const result = await completeCalendlyOAuth(session, {
    state: params.get("state"),
    code: params.get("code"),
    error: params.get("error"),
  });
  return result.ok ? back({ calendly: "connected" }) : back({ calendly_error: result.reason });
});
