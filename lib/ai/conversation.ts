import type { DraftRequest } from "./types";

const MAX_ANALYZED_CHARS = 4000;

/** The lead's messages since our last one: two texts sent in a row are read as one answer. */
export function latestInbound(history: DraftRequest["history"]): string {
  const out: string[] = [];
  for (let i = history.length - 1; i >= 0; i--) {
    const turn = history[i]!;
    if (turn.direction === "outbound") break;
    out.unshift(turn.body);
  }
  return out.join("\n").slice(-MAX_ANALYZED_CHARS);
}
