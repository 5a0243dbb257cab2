import type { Tx } from "./types";

/**
 * Work that must wait until a transaction's changes are visible to other connections: the
 * first attempt of a job whose row the transaction just wrote (on PostgreSQL another
 * connection would not see the row before the commit and would skip it). The drivers open a
 * list per transaction and run it after COMMIT; a rolled-back transaction drops it.
 */
const waiting = new WeakMap<Tx, (() => void)[]>();

/** Runs `fn` once `tx` has committed, or at once when `tx` is not a driver's transaction. */
export function afterCommit(tx: Tx, fn: () => void): void {
  const list = waiting.get(tx);
  if (list) list.push(fn);
  else fn();
}

/** For the drivers: opens `tx`'s list and returns what to call after COMMIT. */
export function openAfterCommit(tx: Tx): () => void {
  const list: (() => void)[] = [];
  waiting.set(tx, list);
  return () => {
    waiting.delete(tx);
    for (const fn of list.splice(0)) fn();
  };
}
