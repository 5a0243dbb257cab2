"use client";

import { useEffect, useRef } from "react";

/** Keys typed into a field (or inside a dialog) are text, not shortcuts. */
export function isTyping(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest("[role=dialog]")) return true;
  if (target instanceof HTMLInputElement)
    return !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
  return target.isContentEditable || target.tagName === "TEXTAREA" || target.tagName === "SELECT";
}

/**
 * Single-key shortcuts for the page: `handlers` maps a lower-cased key to an action that returns
 * false when it did nothing (so the browser keeps the key). One window listener for the page's
 * life, always calling the latest handlers.
 */
export function useShortcuts(handlers: Record<string, () => boolean | void>, enabled = true) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    // Off in the user's preferences (Settings → Preferences → keyboard shortcuts): keys stay the browser's.
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return;
      const action = latest.current[event.key.toLowerCase()];
      if (!action || action() === false) return;
      event.preventDefault();
    };
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, [enabled]);
}
