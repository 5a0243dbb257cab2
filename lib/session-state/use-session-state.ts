"use client";

import { useEffect } from "react";
import type { SessionStatePatch } from "./schema";

/**
 * The browser's writer of the session state: changes are merged into one pending patch and sent
 * ~1 s after the last one (and at once when the page is hidden), with `keepalive` so a navigation
 * or a closed tab does not cut it off. Fire-and-forget: a failed save is dropped silently, it
 * never blocks or throws into the page.
 */
const DEBOUNCE_MS = 1_000;
const ENDPOINT = "/api/v1/session-state";

/** How long signing out waits for the last save before it goes ahead anyway. */
const SIGN_OUT_WAIT_MS = 1_500;

let pending: SessionStatePatch = {};
let timer: number | undefined;
let listening = false;
/** Saves sent and not yet answered: signing out waits for them too. */
const inFlight = new Set<Promise<unknown>>();

function flush(): void {
  window.clearTimeout(timer);
  timer = undefined;
  if (!pending.currentContext && !pending.uiState) return;
  const body = JSON.stringify(pending);
  pending = {};
  try {
    const request: Promise<unknown> = fetch(ENDPOINT, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body,
      keepalive: true,
      credentials: "same-origin",
    })
      .catch(() => undefined)
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  } catch {
    // A browser refusing the request (e.g. a keepalive quota) loses one save, nothing more.
  }
}

/**
 * Sends the pending batch now and waits until it (and any save still under way) is answered,
 * at most `timeoutMs`; never rejects. Sign-out calls it first: a save that reached the server
 * after the session ended would be refused, and the last change before signing out lost.
 */
export async function flushSessionState(timeoutMs = SIGN_OUT_WAIT_MS): Promise<void> {
  if (typeof window === "undefined") return;
  flush();
  if (!inFlight.size) return;
  let timeout: number | undefined;
  await Promise.race([
    Promise.allSettled([...inFlight]),
    new Promise((resolve) => (timeout = window.setTimeout(resolve, timeoutMs))),
  ]);
  window.clearTimeout(timeout);
}

/** Queues `patch` (whole parts of the context or UI state) into the next batched write. */
export function queueSessionState(patch: SessionStatePatch): void {
  if (typeof window === "undefined") return;
  pending = {
    currentContext: patch.currentContext
      ? { ...pending.currentContext, ...patch.currentContext }
      : pending.currentContext,
    uiState: patch.uiState ? { ...pending.uiState, ...patch.uiState } : pending.uiState,
  };
  if (!listening) {
    listening = true;
    window.addEventListener("pagehide", flush);
  }
  window.clearTimeout(timer);
  timer = window.setTimeout(flush, DEBOUNCE_MS);
}

/** Saves `patch` whenever its content changes (compared as JSON); null saves nothing. */
export function useSessionState(patch: SessionStatePatch | null): void {
  const key = patch ? JSON.stringify(patch) : null;
  useEffect(() => {
    if (key) queueSessionState(JSON.parse(key) as SessionStatePatch);
  }, [key]);
}
