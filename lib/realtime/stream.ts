import "server-only";
import { z } from "zod";
import type { Membership, Session } from "@/lib/auth/session";
import { withRls, type Tx } from "@/lib/db";
import { logger } from "@/lib/log";
import { subscribe, type LiveEvent } from "./hub";

/**
 * One browser's server-sent event stream: the events of its organization that this user may
 * see, and nothing after they lose access.
 *
 * The database decides both, in one RLS transaction per burst of events, as the user:
 * an event is passed on only when its row (and its conversation) is readable by them right
 * now, so a rep restricted to their own conversations never learns the ids of others'; and
 * every burst, every membership change of theirs and a periodic tick re-check that the
 * membership (with the same role) and the sign-in still stand, or the stream ends.
 */

/** The tables whose row-level security decides who hears about a topic's rows. */
const TOPIC_TABLES: Record<string, readonly string[]> = {
  conversations: ["public.conversations"],
  messages: ["public.messages"],
  hil_tasks: ["public.hil_tasks"],
  meetings: ["public.meetings"],
  ai_agents: ["public.ai_agents"],
  notifications: ["public.notifications", "public.notification_deliveries"],
};
/** Announced by membership rows (see 20261203120700_live_stream_visibility.sql); never sent on. */
const MEMBERSHIP_TOPIC = "memberships";

const HEARTBEAT_MS = 20_000;
/** The longest a stream outlives a lost membership whose announcement it missed (a LISTEN reconnect). */
export const ACCESS_RECHECK_MS = 10_000;
/** Events arrive in bursts (a message also updates its conversation): one check per burst. */
const BATCH_MS = 25;

const uuid = z.uuid();

type Viewer = { orgId: string; role: Membership["role"]; sessionId: string | null; expiresAt: number | null };

/** The membership with the same role, and (built-in auth) the sign-in, are still there. */
async function stillAllowed(tx: Tx, viewer: Viewer): Promise<boolean> {
  if (viewer.expiresAt !== null && Date.now() >= viewer.expiresAt) return false;
  const { rows } = await tx.query<{ role: string; signed_in: boolean }>(
    `select m.role,
            $2::uuid is null or exists (
              select 1 from public.user_sessions s
               where s.id = $2::uuid and s.user_id = (select auth.uid()) and s.revoked_at is null and s.expires_at > now()) as signed_in
       from public.memberships m
      where m.org_id = $1 and m.user_id = (select auth.uid())`,
    [viewer.orgId, viewer.sessionId],
  );
  return rows[0]?.role === viewer.role && rows[0].signed_in;
}

/** The ids among `ids` that the transaction's user can read in `table`. */
async function readableIds(tx: Tx, table: string, ids: Set<string>): Promise<Set<string>> {
  if (!ids.size) return new Set();
  const { rows } = await tx.query<{ id: string }>(`select id::text as id from ${table} where id = any($1::uuid[])`, [
    [...ids],
  ]);
  return new Set(rows.map((row) => row.id));
}

/** The events whose row, and conversation if they name one, the transaction's user can read. */
async function readableEvents(tx: Tx, events: LiveEvent[]): Promise<LiveEvent[]> {
  const wanted = new Map<string, Set<string>>();
  const want = (table: string, id: string) => (wanted.get(table) ?? wanted.set(table, new Set()).get(table)!).add(id);
  const checkable = events.filter(
    (event) =>
      TOPIC_TABLES[event.topic] &&
      uuid.safeParse(event.id).success &&
      (!event.conversation_id || uuid.safeParse(event.conversation_id).success),
  );
  for (const event of checkable) {
    for (const table of TOPIC_TABLES[event.topic]!) want(table, event.id!);
    if (event.conversation_id) want("public.conversations", event.conversation_id);
  }
  const readable = new Map<string, Set<string>>();
  for (const [table, ids] of wanted) readable.set(table, await readableIds(tx, table, ids));
  return checkable.filter(
    (event) =>
      TOPIC_TABLES[event.topic]!.some((table) => readable.get(table)!.has(event.id!)) &&
      (!event.conversation_id || readable.get("public.conversations")!.has(event.conversation_id)),
  );
}

export function liveEventStream(
  session: Session & { org: Membership },
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const userId = session.user.id;
  const viewer: Viewer = {
    orgId: session.org.orgId,
    role: session.org.role,
    sessionId: session.sessionId,
    expiresAt: typeof session.claims.exp === "number" ? session.claims.exp * 1000 : null,
  };
  const encoder = new TextEncoder();
  let close = () => {};

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let pending: LiveEvent[] = [];
      let batchTimer: ReturnType<typeof setTimeout> | undefined;
      let checks = Promise.resolve();
      let unsubscribe = () => {};
      const intervals: ReturnType<typeof setInterval>[] = [];

      close = () => {
        if (closed) return;
        closed = true;
        clearTimeout(batchTimer);
        for (const interval of intervals) clearInterval(interval);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // the browser already went away
        }
      };
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };

      // Serialised, so events go out in the order they were announced.
      const check = async () => {
        batchTimer = undefined;
        const events = pending;
        pending = [];
        const allowed = await withRls(session.claims, async (tx) =>
          (await stillAllowed(tx, viewer)) ? readableEvents(tx, events) : null,
        );
        if (!allowed) return close();
        for (const event of allowed) {
          send(
            `event: ${event.topic}\ndata: ${JSON.stringify({ id: event.id, conversationId: event.conversation_id ?? null })}\n\n`,
          );
        }
      };
      const schedule = () => {
        if (closed || batchTimer) return;
        batchTimer = setTimeout(() => {
          checks = checks.then(check).catch((err) => {
            logger.warn({ err }, "live event stream check failed; closing it");
            close();
          });
        }, BATCH_MS);
      };

      unsubscribe = await subscribe((event) => {
        if (event.org_id !== viewer.orgId) return;
        if (event.topic === MEMBERSHIP_TOPIC) {
          if (event.user_id === userId) schedule();
          return;
        }
        // Notifications are announced for their one recipient; skip others' without a query.
        if (event.topic === "notifications" && event.user_id !== userId) return;
        pending.push(event);
        schedule();
      });
      if (closed) {
        unsubscribe(); // the browser left while we subscribed
        return;
      }
      intervals.push(
        setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS),
        setInterval(schedule, ACCESS_RECHECK_MS),
      );
      if (signal.aborted) return close();
      signal.addEventListener("abort", close);
      send(`retry: 3000\nevent: ready\ndata: {}\n\n`);
    },
    cancel() {
      close();
    },
  });
}

export const EVENT_STREAM_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};
