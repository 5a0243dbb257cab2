/**
 * Texts stored as a kind and parameters, never as a sentence, and worded at read time in the
 * reader's language. Each family lists its own kinds (lib/ai/failures.ts,
 * lib/approvals/notes.ts, lib/integrations/problems.ts, lib/notifications/delivery-errors.ts);
 * this reads what was stored, whatever shape an older row has. Pure: the browser uses it too.
 */
export type TextParams = Record<string, string | number>;
export type TextOfKind<K extends string> = { kind: K; params: TextParams };

export const textOfKind = <K extends string>(kind: K, params: TextParams = {}): TextOfKind<K> => ({ kind, params });

/** Stored parameters: only string and number values survive (jsonb may hold anything). */
export function storedParams(raw: unknown): TextParams {
  const clean: TextParams = {};
  if (raw && typeof raw === "object")
    for (const [key, value] of Object.entries(raw))
      if (typeof value === "string" || typeof value === "number") clean[key] = value;
  return clean;
}

/**
 * A stored `{ kind, params }`: a kind this code does not know becomes `fallback` (the family's
 * "unknown", so no stale sentence is shown), or null when the family has none.
 */
export function storedText<K extends string>(kinds: readonly K[], value: unknown, fallback: K): TextOfKind<K>;
export function storedText<K extends string>(kinds: readonly K[], value: unknown, fallback: null): TextOfKind<K> | null;
export function storedText<K extends string>(kinds: readonly K[], value: unknown, fallback: K | null) {
  const { kind, params } = (value && typeof value === "object" ? value : {}) as { kind?: unknown; params?: unknown };
  const known = typeof kind === "string" && (kinds as readonly string[]).includes(kind) ? (kind as K) : fallback;
  return known === null ? null : { kind: known, params: storedParams(params) };
}
