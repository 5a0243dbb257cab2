"use client";

import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { invalidateFor, refreshLiveKeys, type LiveEventData, type LiveTopic } from "./live-keys";

/**
 * Live updates for the signed-in tab: ONE EventSource on /api/v1/stream, shared by every
 * component through context. Events carry ids only; ./live-keys.ts maps each topic to the React
 * Query keys that show those rows, so pages re-read them through the API (and RLS).
 *
 * When the stream keeps failing (or the browser has no EventSource), the tab falls back to
 * refreshing the live keys every 10 seconds until the stream is back.
 */

export type { LiveEventData, LiveTopic };
export type LiveStatus = "connecting" | "live" | "polling";

type Listener = (data: LiveEventData) => void;
type LiveContext = { subscribe: (topic: LiveTopic, listener: Listener) => () => void; status: LiveStatus };

const Context = createContext<LiveContext | null>(null);

const STREAM_URL = "/api/v1/stream";
const POLL_MS = 10_000;
/** Consecutive failures before polling takes over (the stream keeps retrying meanwhile). */
const FAILURES_BEFORE_POLLING = 3;
const BATCH_MS = 120;

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
        if (document.visibilityState === "visible") refreshLiveKeys(queryClient);
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
        if (reconnected) refreshLiveKeys(queryClient);
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
