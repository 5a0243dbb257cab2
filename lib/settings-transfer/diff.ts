import "server-only";
import { isDeepStrictEqual } from "node:util";
import type { SettingsChange } from "./sections";

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The leaves that differ between `old` and `next`, as paths below `prefix`: objects are walked
 * key by key (a key on one side only is a change from or to undefined), anything else (a
 * string, a list of beta features) is compared whole. Equal values give no change, which is
 * what makes a second import of the same file a no-op.
 */
export function diffValues(old: unknown, next: unknown, prefix = ""): SettingsChange[] {
  if (isPlainObject(old) && isPlainObject(next)) {
    const keys = [...new Set([...Object.keys(old), ...Object.keys(next)])];
    return keys.flatMap((key) => diffValues(old[key], next[key], prefix ? `${prefix}.${key}` : key));
  }
  if (isDeepStrictEqual(old, next)) return [];
  return [{ path: prefix, old: old ?? null, new: next ?? null }];
}

/** A list whose items have a natural key (a widget's name, a view's name) as an object by that key. */
export function byKey<T>(items: readonly T[], key: (item: T) => string, value: (item: T) => unknown = (i) => i) {
  return Object.fromEntries(items.map((item) => [key(item), value(item)]));
}
