"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** False in the server render and during hydration; true once React runs the page in the browser. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
