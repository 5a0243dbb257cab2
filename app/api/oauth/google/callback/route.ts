import { env } from "@/lib/env";
import { auditIntegration } from "@/lib/integrations/audit";
import { route } from "@/lib/http/route";
import { completeGoogleOAuth } from "@/lib/integrations/google/connect";

export const dynamic = "force-dynamic";

/**
 * Google sends the user back here. Whatever happens, they land on Settings → Integrations with
 * a result the page explains; the code and tokens never appear in a URL we produce.
 */
export const GET = route({ auth: "none" }, async ({ request, session, rls }) => {
  const params = new URL(request.url).searchParams;
  const back = (key: string, value: string) => {
    const url = new URL("/settings/integrations", env().APP_URL);
    url.searchParams.set(key, value);
    return new Response(null, {
      status: 303,
      headers: { location: url.toString(), "cache-control": "no-store", "referrer-policy": "no-referrer" },
    });
  };
  // The state is bound to a session: without one there is nothing to match it against.
  if (!session) return back("google_error", "state");
  const result = await completeGoogleOAuth(session, {
    state: params.get("state"),
    code: params.get("code"),
    error: params.get("error"),
  });
  // An admin reading the audit log sees that a member's mailbox or calendar was connected (never to what).
  if (result.orgId && (result.ok || result.reason === "scopes"))
    await rls((tx) =>
      auditIntegration(tx, { orgId: result.orgId!, actorId: session.user.id, provider: "google", event: "connected" }),
    );
  return result.ok ? back("google", "connected") : back("google_error", result.reason);
});
