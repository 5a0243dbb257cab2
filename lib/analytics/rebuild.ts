/**
 * Rebuilding the rollups from the source tables: every family registered in
 * `private.analytics_rebuilders` deletes and recomputes one organization's rows. The triggers
 * keep the rollups exact; the nightly `analytics.rebuild` job (workers.ts) repairs anything a
 * change outside the app (a manual SQL fix, a restored backup) left behind. Service role only.
 */
import "server-only";
import { withService, type Tx } from "@/lib/db";

/** Recomputes one organization's rollups inside `tx` (a service transaction). */
export async function rebuildAnalytics(tx: Tx, orgId: string): Promise<void> {
  await tx.query("select private.analytics_rebuild($1)", [orgId]);
}

/** Every organization in turn, each in its own transaction so no lock is held for long. */
export async function rebuildAllAnalytics(): Promise<{ organizations: number }> {
  const ids = await withService(async (tx) =>
    (await tx.query<{ id: string }>("select id from public.organizations order by id")).rows.map((r) => r.id),
  );
  for (const id of ids) await withService((tx) => rebuildAnalytics(tx, id));
  return { organizations: ids.length };
}
