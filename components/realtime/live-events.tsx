"use client";

import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";

/**
 * Live updates for the signed-in tab: ONE EventSource on /api/v1/stream, shared by every
 * component through context. Events carry ids only; this module invalidates the React Query
 * keys that show those rows, so pages re-read them through the API (and RLS).
 *
 * When the stream keeps failing (or the browser has no EventSource), the tab falls back to
 * refreshing the live keys every 10 seconds until the stream is back.
 */

export type LiveTopic = "conversations" | "messages" | "hil_tasks" | "notifications" | "meetings" | "ready";
export type LiveEventData = { id?: string | null; conversationId?: string | null };
export type LiveStatus = "connecting" | "live" | "polling";

type Listener = (data: LiveEventData) => void;
type LiveContext = { subscribe: (topic: LiveTopic, listener: Listener) => () => void; status: LiveStatus };

const Context = createContext<LiveContext | null>(null);

const STREAM_URL = "/api/v1/stream";
const POLL_MS = 10_000;
/** Consecutive failures before polling takes over (the stream keeps retrying meanwhile). */
const FAILURES_BEFORE_POLLING = 3;
const BATCH_MS = 120;

/** The React Query keys each topic refreshes. Keys are prefixes: ["messages"] covers every thread. */
export function invalidateFor(queryClient: QueryClient, topic: LiveTopic, events: LiveEventData[]) {
  const keys: unknown[][] = [];
  if (topic === "messages") {
    const threads = new Set(events.map((e) => e.conversationId).filter((id): id is string => Boolean(id)));
    for (const id of threads) keys.push(["messages", id], ["conversation", id]);
    // A new message moves its thread to the top of the list and changes the preview.
    keys.push(["conversations"], ["inbox-unread"]);
  } else if (topic === "conversations") {
    const ids = new Set(events.map((e) => e.id).filter((id): id is string => Boolean(id)));
    for (const id of ids) keys.push(["conversation", id]);
    keys.push(["conversations"], ["inbox-unread"]);
  } else if (topic === "hil_tasks") {
    // A draft was created, decided or superseded: the queue, its badge and the threads' draft status.
    keys.push(["approvals"], ["approvals-count"]);
    const threads = new Set(events.map((e) => e.conversationId).filter((id): id is string => Boolean(id)));
    for (const id of threads) keys.push(["conversation", id]);
  } else if (topic === "meetings") {
    // A booking, cancel or no-show: the meetings lists, and the lead it changed (heat, timeline).
    keys.push(["meetings"], ["lead"], ["lead-events"]);
  } else if (topic === "notifications") {
    // The stream sends these only to their user: the bell, the dropdown and the full list.
    keys.push(["notifications"], ["notifications-unread"]);
  }
  for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
}

const LIVE_KEYS = [["conversations"], ["conversation"], ["messages"], ["inbox-unread"], ["approvals"], ["approvals-count"], ["notifications"], ["notifications-unread"], ["meetings"]];
const refreshAll = (queryClient: QueryClient) => {
  for (const queryKey of LIVE_KEYS) void queryClient.invalidateQueries({ queryKey });
};

/** `orgId`: the stream follows the session's organization, so switching organizations reconnects. */
export function LiveEventsProvider({ orgId, children }: { orgId?: string; children: ReactNode }) {
  const queryClient = useQueryClient();
  const listeners = useRef(new Map<LiveTopic, Set<Listener>>());
  const [status, setStatus] = useState<LiveStatus>("connecting");

  useEffect(() => {
    let source: EventSource | null = null;
    let failures = 0;
    let disposed = false;
    let reconnectTimer: number | undefined;
    let pollTimer: number | undefined;
    // Events arrive in bursts (a message insert also updates its conversation): refresh once per burst.
    const pending = new Map<LiveTopic, LiveEventData[]>();
    let flushTimer: number | undefined;

    const flush = () => {
      flushTimer = undefined;
      for (const [topic, events] of pending) invalidateFor(queryClient, topic, events);
      pending.clear();
    };

    const emit = (topic: LiveTopic, data: LiveEventData) => {
      listeners.current.get(topic)?.forEach((listener) => listener(data));
      if (topic === "ready") return;
      pending.set(topic, [...(pending.get(topic) ?? []), data]);
      flushTimer ??= window.setTimeout(flush, BATCH_MS);
    };

    const startPolling = () => {
      if (pollTimer !== undefined) return;
      setStatus("polling");
      pollTimer = window.setInterval(() => {
        if (document.visibilityState === "visible") refreshAll(queryClient);
      }, POLL_MS);
    };
    const stopPolling = () => {
      if (pollTimer === undefined) return;
      window.clearInterval(pollTimer);
      pollTimer = undefined;
    };

    const parse = (event: MessageEvent): LiveEventData => {
      try {
        const value: unknown = JSON.parse(String(event.data));
        return value && typeof value === "object" ? (value as LiveEventData) : {};
      } catch {
        return {};
      }
    };

    const connect = () => {
      if (disposed) return;
      source = new EventSource(STREAM_URL, { withCredentials: true });
      source.addEventListener("ready", (event) => {
        const reconnected = failures > 0;
        failures = 0;
        stopPolling();
        setStatus("live");
        // Whatever changed while we were away was not announced to us: catch up once.
        if (reconnected) refreshAll(queryClient);
        emit("ready", parse(event));
      });
      source.addEventListener("conversations", (event) => emit("conversations", parse(event)));
      source.addEventListener("messages", (event) => emit("messages", parse(event)));
      source.addEventListener("hil_tasks", (event) => emit("hil_tasks", parse(event)));
      source.addEventListener("notifications", (event) => emit("notifications", parse(event)));
      source.addEventListener("meetings", (event) => emit("meetings", parse(event)));
      source.onerror = () => {
        failures += 1;
        if (failures >= FAILURES_BEFORE_POLLING) startPolling();
        else setStatus("connecting");
        // The browser retries by itself unless the server refused the stream (readyState CLOSED).
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          source = null;
          const delay = Math.min(60_000, 2_000 * 2 ** Math.min(failures, 5));
          reconnectTimer = window.setTimeout(connect, delay);
        }
      };
    };

    if (typeof window.EventSource === "function") connect();
    else startPolling();

    return () => {
      disposed = true;
      source?.close();
      window.clearTimeout(reconnectTimer);
      window.clearTimeout(flushTimer);
      stopPolling();
    };
  }, [queryClient, orgId]);

  const [value] = useState<Omit<LiveContext, "status">>(() => ({
    subscribe: (topic, listener) => {
      const set = listeners.current.get(topic) ?? new Set<Listener>();
      listeners.current.set(topic, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  }));

  return <Context.Provider value={{ ...value, status }}>{children}</Context.Provider>;
}

/** Calls `callback` for every live event of `topic` (the latest callback; no need to memoize). */
export function useLiveEvent(topic: LiveTopic, callback: (data: LiveEventData) => void) {
  const context = useContext(Context);
  const latest = useRef(callback);
  useEffect(() => {
    latest.current = callback;
  });
  useEffect(() => {
    if (!context) return;
    return context.subscribe(topic, (data) => latest.current(data));
  }, [context, topic]);
}

/** "live", "connecting" or "polling" (updates are then up to 10 s late). */
export function useLiveStatus(): LiveStatus {
  return useContext(Context)?.status ?? "connecting";
}
