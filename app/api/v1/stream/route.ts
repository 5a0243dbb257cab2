import { route } from "@/lib/http/route";
import { EVENT_STREAM_HEADERS, liveEventStream } from "@/lib/realtime/stream";

export const dynamic = "force-dynamic";

/**
 * Server-sent events for the signed-in user's current organization: one `event:` per changed
 * row they may read (topic) with ids only; the page re-fetches what it shows. A comment line
 * every 20 s keeps proxies from closing an idle stream; EventSource reconnects by itself, and
 * a stream ended by a lost membership is refused on reconnect (403).
 */
export const GET = route(
  { org: true },
  async ({ org, request, session }) =>
    new Response(liveEventStream({ ...session, org }, request.signal), { headers: EVENT_STREAM_HEADERS }),
);
