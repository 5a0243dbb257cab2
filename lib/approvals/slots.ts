import "server-only";
import { randomUUID } from "node:crypto";
import { withService } from "@/lib/db";

/** Provider calls one organization may have in flight at once (across all workers and app servers). */
export const AI_SLOTS_PER_ORG = 2;

/**
 * Leases one of the organization's drafting slots for `seconds` (the provider timeout plus
 * a margin), or returns null when all are busy. Leases live in the database, so the cap
 * holds with any number of processes; a crashed holder's lease simply runs out.
 */
export async function acquireDraftSlot(
  orgId: string,
  seconds: number,
  slots = AI_SLOTS_PER_ORG,
): Promise<string | null> {
  const leaseId = randomUUID();
  return withService(async (tx) => {
    for (let slot = 1; slot <= slots; slot++) {
      const { rowCount } = await tx.query(
        `insert into private.ai_draft_slots (org_id, slot, lease_id, leased_until)
         values ($1, $2, $3, now() + make_interval(secs => $4))
         on conflict (org_id, slot) do update set lease_id = excluded.lease_id, leased_until = excluded.leased_until
           where ai_draft_slots.leased_until < now()`,
        [orgId, slot, leaseId, seconds],
      );
      if (rowCount) return leaseId;
    }
    return null;
  });
}

export async function releaseDraftSlot(orgId: string, leaseId: string): Promise<void> {
  await withService((tx) =>
    tx.query("delete from private.ai_draft_slots where org_id = $1 and lease_id = $2", [orgId, leaseId]),
  );
}
