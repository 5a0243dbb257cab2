import { route } from "@/lib/http/route";
import { subscribe, type LiveEvent } from "@/lib/realtime/hub";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 20_000;

/**
 * Server-sent events for the signed-in user's current organization: one `event:` per
 * changed row (topic) with ids only; the page re-fetches what it shows. A comment line
 * every 20 s keeps proxies from closing an idle stream; EventSource reconnects by itself.
 */
export const GET = route({}, async ({ request, session }) => {
  const orgId = session.org?.orgId;
  const userId = session.user.id;
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const visible = (event: LiveEvent) => Boolean(orgId) && event.org_id === orgId && (!event.user_id || event.user_id === userId);
      const unsubscribe = await subscribe((event) => {
        if (!visible(event)) return;
        send(`event: ${event.topic}\ndata: ${JSON.stringify({ id: event.id, conversationId: event.conversation_id })}\n\n`);
      });
      const heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      request.signal.addEventListener("abort", () => cleanup());
      send(`retry: 3000\nevent: ready\ndata: {}\n\n`);
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
});
