import { createServerClient } from "@supabase/ssr";
import { NextResponse, type NextRequest } from "next/server";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE, isDeviceId, newDeviceId } from "@/lib/session-state/device";

/**
 * Runs before every page and route: a request id, a per-request CSP nonce, the security
 * headers, and (with Supabase Auth) the session refresh from Supabase's Next.js guide.
 * It never touches the database; pages and routes authenticate through getSession().
 */
function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV === "development";
  const supabase = process.env.NEXT_PUBLIC_SUPABASE_URL ?? "";
  const https = (process.env.APP_URL ?? "").startsWith("https://");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Radix positions popovers with style attributes, which nonces cannot cover.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${supabase ? ` ${supabase}` : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * The document of an email's frame (app/api/v1/messages/[id]/email/frame) brings its own policy,
 * which alone decides whether the web's images may load; this one on top would forbid them even
 * after "Show images". Nor does that document need a request id, a device cookie or a session
 * refresh: the page that frames it has just had all three.
 */
const EMAIL_FRAME = /^\/api\/v1\/messages\/[^/]+\/email\/frame$/;

export async function proxy(request: NextRequest) {
  if (EMAIL_FRAME.test(request.nextUrl.pathname)) return NextResponse.next();
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const requestId = request.headers.get("x-request-id")?.slice(0, 64) || crypto.randomUUID();
  const csp = contentSecurityPolicy(nonce);

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-request-id", requestId);
  requestHeaders.set("content-security-policy", csp);
  // Lets server layouts send a signed-out visitor back here after sign-in.
  requestHeaders.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  // Names this browser for the session state (lib/session-state); the page sees it on this very request.
  // Only on reads: a cookie added to a cookieless POST (an API client signing in) would make the
  // same-origin check treat it as a browser's.
  const reads = request.method === "GET" || request.method === "HEAD";
  const newDevice = !reads || isDeviceId(request.cookies.get(DEVICE_COOKIE)?.value) ? null : newDeviceId();
  if (newDevice) {
    const cookie = requestHeaders.get("cookie");
    requestHeaders.set("cookie", `${cookie ? `${cookie}; ` : ""}${DEVICE_COOKIE}=${newDevice}`);
  }

  let response = NextResponse.next({ request: { headers: requestHeaders } });

  const supabaseUrl = process.env.NEXT_PUBLIC_SUPABASE_URL;
  const supabaseKey = process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY;
  if (supabaseUrl && supabaseKey) {
    const supabase = createServerClient(supabaseUrl, supabaseKey, {
      cookies: {
        getAll: () => request.cookies.getAll(),
        setAll: (toSet) => {
          for (const { name, value } of toSet) request.cookies.set(name, value);
          response = NextResponse.next({ request: { headers: requestHeaders } });
          for (const { name, value, options } of toSet) response.cookies.set(name, value, options);
        },
      },
    });
    // Refreshes an expiring session; do not put code between creating the client and this call.
    await supabase.auth.getClaims();
  }

  response.headers.set("content-security-policy", csp);
  response.headers.set("x-request-id", requestId);
  if (newDevice) {
    response.cookies.set(DEVICE_COOKIE, newDevice, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      maxAge: DEVICE_COOKIE_MAX_AGE,
      secure: process.env.NODE_ENV === "production",
    });
  }
  return response;
}

// Provider webhooks skip the proxy: no page, no session, and they must be answered fast. So do
// file transfers (uploads up to 100 MB would otherwise be buffered, and cut, by the proxy; signed
// file links carry no session).
export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|icon.svg|api/webhooks/|api/files/|api/v1/attachments).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
