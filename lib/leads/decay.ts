/**
 * Silence cools leads even when nothing happens, so heat is re-evaluated on a schedule:
 * a "decay" signal through the same applySignals path as every other change. A platform
 * job (service role): `npm run leads:decay`, and the job queue runs it daily once it exists.
 * Only leads whose last evaluation is older than `olderThanHours` are touched, in batches,
 * each lead in its own short transaction so a large organization never holds long locks.
 */
import "server-only";
import { withService } from "@/lib/db";
import { applySignals } from "./signals";

export type DecayReport = { evaluated: number; cooled: number; warmed: number };

export async function decayLeads(
  opts: { now?: Date; olderThanHours?: number; batchSize?: number } = {},
): Promise<DecayReport> {
  const now = opts.now ?? new Date();
  const olderThan = new Date(now.getTime() - (opts.olderThanHours ?? 20) * 3_600_000);
  const batchSize = opts.batchSize ?? 500;
  const report: DecayReport = { evaluated: 0, cooled: 0, warmed: 0 };
  const order = ["cold", "warm", "hot", "burning"];
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const { rows } = await withService((tx) =>
      tx.query<{ id: string; org_id: string }>(
        `select id, org_id from public.leads
          where deleted_at is null and id > $1
            and coalesce((engagement ->> 'lastEvaluatedAt')::timestamptz, created_at) < $2
          order by id limit $3`,
        [after, olderThan, batchSize],
      ),
    );
    if (!rows.length) return report;
    for (const lead of rows) {
      const outcome = await withService((tx) =>
        applySignals(tx, {
          orgId: lead.org_id,
          leadId: lead.id,
          signals: [{ type: "decay", at: now.toISOString() }],
          actor: { type: "system", name: "Daily heat review" },
          now,
        }),
      );
      report.evaluated++;
      const change = outcome.heatLevelChanged;
      if (change && order.indexOf(change.to) < order.indexOf(change.from)) report.cooled++;
      else if (change) report.warmed++;
    }
    after = rows[rows.length - 1]!.id;
  }
}
