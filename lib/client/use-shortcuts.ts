"use client";

import { useEffect, useRef } from "react";

/** What a shortcut looks at in a keydown: the key, where it was typed, and the modifiers that make it not ours. */
export type ShortcutEvent = Pick<
  KeyboardEvent,
  "key" | "target" | "defaultPrevented" | "metaKey" | "ctrlKey" | "altKey"
>;
/** Returns false when it did nothing, so the browser keeps the key (a scroll, a link's Enter). */
export type ShortcutHandler = (event: ShortcutEvent) => boolean | void;
/** Lower-cased `KeyboardEvent.key` ("j", "enter", "arrowdown", "?") → action. */
export type ShortcutHandlers = Record<string, ShortcutHandler>;

/** Input types that take no text: a key typed on them is still a shortcut. */
const KEYLESS_INPUTS = ["checkbox", "radio", "button", "submit", "reset"];
/** Widgets that own their keys (a dialog's fields, a menu's typeahead, a listbox's arrows). */
const KEY_OWNERS = "[role=dialog],[role=alertdialog],[role=menu],[role=listbox]";

type ElementLike = {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
  closest?: (selector: string) => unknown;
};

/**
 * Keys typed into a field (an input, a textarea, a select, anything contenteditable) or inside a
 * widget that owns its keys are text, not shortcuts. Looks at the element's shape rather than its
 * class, so it answers the same for any document (and in tests without one).
 */
export function isTyping(target: EventTarget | null): boolean {
  const element = target as ElementLike | null;
  if (!element || typeof element.closest !== "function") return false;
  if (element.closest(KEY_OWNERS)) return true;
  const tag = element.tagName?.toUpperCase();
  if (tag === "INPUT") return !KEYLESS_INPUTS.includes((element.type ?? "text").toLowerCase());
  return element.isContentEditable === true || tag === "TEXTAREA" || tag === "SELECT";
}

/**
 * Runs the handler bound to the event's key, unless the key was typed as text, carries a
 * modifier (the browser's and the system's shortcuts) or was already handled. True when a
 * handler acted: the caller then prevents the browser's default.
 */
export function runShortcut(handlers: ShortcutHandlers, event: ShortcutEvent): boolean {
  if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return false;
  const action = handlers[event.key.toLowerCase()];
  return Boolean(action) && action!(event) !== false;
}

/** The index `delta` steps from `index` in a list of `length`, kept inside it; from nowhere (-1) the first. */
export function stepIndex(length: number, index: number, delta: 1 | -1): number {
  if (length === 0) return -1;
  return index < 0 ? 0 : Math.min(length - 1, Math.max(0, index + delta));
}

/**
 * Single-key shortcuts for a page (the approvals queue, the inbox's keyboard triage). One window
 * listener for the page's life, always calling the latest handlers. `enabled` is the user's
 * preference (Settings → Preferences → keyboard shortcuts): off, every key stays the browser's.
 */
export function useShortcuts(handlers: ShortcutHandlers, enabled = true) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => {
      if (runShortcut(latest.current, event)) event.preventDefault();
    };
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, [enabled]);
}
