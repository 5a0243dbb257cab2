import { describe, expect, it } from "vitest";
import { withRls, withService } from "@/lib/db";
import { pruneAuthRecords } from "@/lib/auth/retention";
import { createLead, purgeDeletedLeads, setDeleted } from "@/lib/leads/mutations";
import { createTestOrg, createTestUser, uniqueEmail } from "./helpers";

describe("daily prune: each table's owner removes its own expired rows", () => {
  it("deletes leads past the 30-day restore window and keeps a lead deleted within it", async () => {
    const owner = await createTestUser();
    const orgId = await createTestOrg(owner);
    const actor = { type: "user" as const, id: owner.id, name: "Owner" };
    const [old, recent] = await withRls(owner.claims, async (tx) => {
      const ids = [
        await createLead(tx, actor, orgId, { name: "Long gone" }),
        await createLead(tx, actor, orgId, { name: "Just deleted" }),
      ];
      for (const id of ids) await setDeleted(tx, actor, orgId, id, true);
      return ids;
    });
    await withService((tx) =>
      tx.query("update public.leads set deleted_at = now() - interval '31 days' where id = $1", [old]),
    );

    expect(await withService((tx) => purgeDeletedLeads(tx))).toBeGreaterThanOrEqual(1);
    const left = await withService(
      async (tx) =>
        (await tx.query<{ id: string }>("select id from public.leads where id = any($1::uuid[])", [[old, recent]]))
          .rows,
    );
    expect(left.map((r) => r.id)).toEqual([recent]);
  });

  it("deletes day-old sign-in attempts, expired sign-up requests and sessions ended over 30 days ago", async () => {
    const user = await createTestUser();
    const email = uniqueEmail("prune");
    await withService(async (tx) => {
      await tx.query(
        "insert into public.login_attempts (email, succeeded, created_at) values ($1, false, now() - interval '2 days'), ($1, false, now())",
        [email],
      );
      await tx.query(
        `insert into public.sign_up_requests (email, token_hash, password_hash, full_name, expires_at)
         values ($1, $2, 'x', 'Old', now() - interval '1 minute'), ($1, $3, 'x', 'New', now() + interval '1 hour')`,
        [email, `old-${email}`, `new-${email}`],
      );
      await tx.query(
        `insert into public.user_sessions (user_id, expires_at, revoked_at)
         values ($1, now() + interval '1 day', now() - interval '31 days'), ($1, now() + interval '1 day', null)`,
        [user.id],
      );
    });

    const counts = await withService((tx) => pruneAuthRecords(tx));
    expect(counts.loginAttempts).toBeGreaterThanOrEqual(1);
    expect(counts.signUpRequests).toBeGreaterThanOrEqual(1);
    expect(counts.sessions).toBeGreaterThanOrEqual(1);
    const left = await withService(async (tx) => ({
      attempts: (await tx.query("select 1 from public.login_attempts where email = $1", [email])).rowCount,
      requests: (
        await tx.query<{ full_name: string }>("select full_name from public.sign_up_requests where email = $1", [email])
      ).rows.map((r) => r.full_name),
      sessions: (await tx.query("select 1 from public.user_sessions where user_id = $1", [user.id])).rowCount,
    }));
    expect(left).toEqual({ attempts: 1, requests: ["New"], sessions: 1 });
  });
});
