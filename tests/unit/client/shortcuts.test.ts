import { describe, expect, it, vi } from "vitest";
import { isTyping, runShortcut, stepIndex, type ShortcutEvent } from "@/lib/client/use-shortcuts";

/** An element as the rule sees it: its tag, input type, editability and the widget it sits in. */
function element({
  tag,
  type,
  editable = false,
  inside = null,
}: {
  tag: string;
  type?: string;
  editable?: boolean;
  inside?: "dialog" | "alertdialog" | "menu" | "listbox" | null;
}) {
  return {
    tagName: tag,
    type,
    isContentEditable: editable,
    closest: (selector: string) => (inside && selector.includes(`[role=${inside}]`) ? {} : null),
  } as unknown as EventTarget;
}

const key = (k: string, target: EventTarget | null, extra: Partial<ShortcutEvent> = {}): ShortcutEvent => ({
  key: k,
  target,
  defaultPrevented: false,
  metaKey: false,
  ctrlKey: false,
  altKey: false,
  ...extra,
});

describe("the 'not while typing' rule", () => {
  it("treats keys typed into a text input, a textarea, a select or contenteditable as text", () => {
    expect(isTyping(element({ tag: "INPUT" }))).toBe(true);
    expect(isTyping(element({ tag: "INPUT", type: "search" }))).toBe(true);
    expect(isTyping(element({ tag: "TEXTAREA" }))).toBe(true);
    expect(isTyping(element({ tag: "SELECT" }))).toBe(true);
    expect(isTyping(element({ tag: "DIV", editable: true }))).toBe(true);
  });

  it("treats keys inside a dialog, a menu or a listbox as theirs, whatever has focus there", () => {
    for (const inside of ["dialog", "alertdialog", "menu", "listbox"] as const)
      expect(isTyping(element({ tag: "BUTTON", inside }))).toBe(true);
  });

  it("lets keys on links, buttons, tick boxes and the page itself be shortcuts", () => {
    expect(isTyping(element({ tag: "A" }))).toBe(false);
    expect(isTyping(element({ tag: "BUTTON" }))).toBe(false);
    expect(isTyping(element({ tag: "INPUT", type: "checkbox" }))).toBe(false);
    expect(isTyping(element({ tag: "BODY" }))).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});

describe("runShortcut", () => {
  it("runs the handler bound to the lower-cased key and says it acted", () => {
    const j = vi.fn();
    expect(runShortcut({ j }, key("J", element({ tag: "BODY" })))).toBe(true);
    expect(j).toHaveBeenCalledOnce();
  });

  it("never runs a handler for a key typed into a field", () => {
    const r = vi.fn();
    expect(runShortcut({ r }, key("r", element({ tag: "TEXTAREA" })))).toBe(false);
    expect(runShortcut({ r }, key("r", element({ tag: "P", editable: true })))).toBe(false);
    expect(r).not.toHaveBeenCalled();
  });

  it("leaves keys with a modifier, already handled keys and unbound keys to the browser", () => {
    const e = vi.fn();
    const body = element({ tag: "BODY" });
    expect(runShortcut({ e }, key("e", body, { ctrlKey: true }))).toBe(false);
    expect(runShortcut({ e }, key("e", body, { metaKey: true }))).toBe(false);
    expect(runShortcut({ e }, key("e", body, { altKey: true }))).toBe(false);
    expect(runShortcut({ e }, key("e", body, { defaultPrevented: true }))).toBe(false);
    expect(runShortcut({ e }, key("q", body))).toBe(false);
    expect(e).not.toHaveBeenCalled();
  });

  it("gives the key back when the handler answers that it did nothing", () => {
    const target = element({ tag: "A" });
    const arrowdown = vi.fn((event: ShortcutEvent) => (event.target === target ? undefined : false));
    expect(runShortcut({ arrowdown }, key("ArrowDown", element({ tag: "BODY" })))).toBe(false);
    expect(runShortcut({ arrowdown }, key("ArrowDown", target))).toBe(true);
  });
});

describe("stepIndex", () => {
  it("starts at the first item from nowhere and stays inside the list at both ends", () => {
    expect(stepIndex(3, -1, 1)).toBe(0);
    expect(stepIndex(3, -1, -1)).toBe(0);
    expect(stepIndex(3, 0, 1)).toBe(1);
    expect(stepIndex(3, 2, 1)).toBe(2);
    expect(stepIndex(3, 0, -1)).toBe(0);
    expect(stepIndex(0, -1, 1)).toBe(-1);
  });
});
