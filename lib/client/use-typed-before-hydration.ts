"use client";

import { useEffect, useId, useRef, useState } from "react";

/**
 * Keeps what a person typed into a server-rendered form before React hydrated it. Until then the
 * fields are plain HTML and take input; at hydration a form library writes its defaults into
 * them (react-hook-form's `register` sets each field to its default value) and a controlled input
 * re-renders from empty state, so the text silently vanished or was never submitted.
 *
 * The typed values are read during the hydrating render, before any of that runs, and replayed
 * once the form is live as ordinary input events, so react-hook-form and `onChange` state receive
 * them like keystrokes. `Form` (components/ui/form.tsx) uses it, so every form in the app does.
 */
export function useTypedBeforeHydration() {
  const key = useId();
  const [typed] = useState<Typed[]>(() =>
    typeof document === "undefined"
      ? []
      : readTyped(document.querySelector<HTMLFormElement>(`form[data-hydration-key="${CSS.escape(key)}"]`)),
  );
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const form = ref.current;
    if (!form) return;
    for (const { name, value } of typed) {
      const field = fieldNamed(form, name);
      if (field && field.value !== value) replayInput(field, value);
    }
  }, [typed]);
  return { ref, hydrationKey: key };
}

type Typed = { name: string; value: string };
type TextField = HTMLInputElement | HTMLTextAreaElement;

/** Inputs whose value is not text a person types (their state is not replayed). */
const NOT_TEXT = new Set(["checkbox", "radio", "file", "hidden", "button", "submit", "reset", "image"]);

function isTextField(element: unknown): element is TextField {
  return element instanceof HTMLTextAreaElement || (element instanceof HTMLInputElement && !NOT_TEXT.has(element.type));
}

const nameOf = (field: TextField) => field.name || field.id;

function readTyped(form: HTMLFormElement | null): Typed[] {
  if (!form) return [];
  // `defaultValue` is what the server rendered; anything else was typed.
  return [...form.elements]
    .filter(isTextField)
    .filter((field) => nameOf(field) && field.value !== field.defaultValue)
    .map((field) => ({ name: nameOf(field), value: field.value }));
}

function fieldNamed(form: HTMLFormElement, name: string): TextField | null {
  const field = [...form.elements].find((element) => isTextField(element) && nameOf(element) === name);
  return isTextField(field) ? field : null;
}

/**
 * Sets the value the way a keystroke does, so React's change tracking sees it: the element's own
 * `value` setter (which React watches) first records a different value, the prototype's setter
 * then writes the typed one behind React's back, and the input event reports the difference.
 */
function replayInput(field: TextField, value: string) {
  const prototype = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  const setValue = Object.getOwnPropertyDescriptor(prototype, "value")?.set;
  if (!setValue) return;
  field.value = value === "" ? " " : "";
  setValue.call(field, value);
  field.dispatchEvent(new Event("input", { bubbles: true }));
}
