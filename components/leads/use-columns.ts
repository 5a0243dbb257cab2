"use client";

import { useSyncExternalStore } from "react";
import { DEFAULT_COLUMNS, OPTIONAL_COLUMNS, type OptionalColumn } from "@/lib/leads/columns";

/** Which optional columns of the leads table show, remembered per browser. */
const COLUMNS_KEY = "kiln.leads.columns";
const columnListeners = new Set<() => void>();

function subscribeColumns(listener: () => void) {
  columnListeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    columnListeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

function readColumns(raw: string | null, fallback: readonly string[] | null): OptionalColumn[] {
  if (!raw) return fallback ? OPTIONAL_COLUMNS.filter((c) => fallback.includes(c)) : DEFAULT_COLUMNS;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? OPTIONAL_COLUMNS.filter((c) => parsed.includes(c)) : DEFAULT_COLUMNS;
  } catch {
    return DEFAULT_COLUMNS;
  }
}

/** `remembered`: the columns this device's session state kept, for a browser that stores none (yet). */
export function useColumns(
  remembered: readonly string[] | null = null,
): [Set<OptionalColumn>, (columns: OptionalColumn[]) => void] {
  const raw = useSyncExternalStore(
    subscribeColumns,
    () => window.localStorage.getItem(COLUMNS_KEY),
    () => null,
  );
  const save = (columns: OptionalColumn[]) => {
    window.localStorage.setItem(COLUMNS_KEY, JSON.stringify(columns));
    columnListeners.forEach((listener) => listener());
  };
  return [new Set(readColumns(raw, remembered)), save];
}
