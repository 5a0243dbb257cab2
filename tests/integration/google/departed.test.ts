import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { googleAccessToken } from "@/lib/integrations/google/connection";
import { departedJob } from "@/lib/integrations/google/workers";
import { JOB_CATALOG } from "@/lib/jobs/catalog";
import { settled } from "@/lib/jobs/soon";
import { team } from "../api/http";
import { connectGoogle } from "./connect-flow";
import { startFakeGoogle, type FakeGoogle } from "./fake-google";

/**
 * A person who leaves an organization (removed by an admin, or leaving) does not leave a Google
 * grant behind: it is revoked at Google and the row with its tokens deleted, right away and,
 * for anything left behind, by the scheduled sweep. Their connections elsewhere stay.
 */
let fake: FakeGoogle;
type Team = Awaited<ReturnType<typeof team>>;
let t: Team;
let other: Team;

beforeAll(async () => {
  // Before anything reads the environment (env() is read once per process).
  fake = await startFakeGoogle();
  process.env.GOOGLE_CLIENT_ID = fake.clientId;
  process.env.GOOGLE_CLIENT_SECRET = fake.clientSecret;
  process.env.GOOGLE_OAUTH_BASE_URL = fake.url;
  [t, other] = [await team(), await team()];
});
afterAll(async () => {
  await settled();
  await fake.close();
  await closeDatabase();
});

const connections = (orgId: string) =>
  withService(
    async (tx) =>
      (
        await tx.query<{ user_id: string; status: string }>(
          "select user_id, status from public.google_connections where org_id = $1 order by user_id",
          [orgId],
        )
      ).rows,
  );

describe("a member who leaves takes no Google grant along", () => {
  it("removing a member revokes their grant at Google and deletes their connection; the others' stay", async () => {
    fake.account = { sub: "100000000000000000501", email: "ines.barros@tidewater-mail.test" };
    expect(await connectGoogle(t.rep, "gmail")).toEqual({ google: "connected" });
    fake.account = { sub: "100000000000000000502", email: "omar.haddad@tidewater-mail.test" };
    expect(await connectGoogle(t.manager)).toEqual({ google: "connected" });
    const repToken = await googleAccessToken(t.orgId, t.rep.userId);
    const managerToken = await googleAccessToken(t.orgId, t.manager.userId);

    const removed = await t.admin.browser.delete(`/api/v1/members/${t.rep.userId}`);
    expect(removed.status, removed.text).toBe(204);
    await settled();

    expect(fake.isValid(repToken)).toBe(false);
    expect(fake.isValid(managerToken)).toBe(true);
    expect(await connections(t.orgId)).toEqual([{ user_id: t.manager.userId, status: "connected" }]);
  });

  it("a member who leaves by themselves loses their connection too, and another organization's are untouched", async () => {
    fake.account = { sub: "100000000000000000503", email: "lena.fischer@tidewater-mail.test" };
    expect(await connectGoogle(other.manager)).toEqual({ google: "connected" });
    const left = await other.manager.browser.delete(`/api/v1/members/${other.manager.userId}`);
    expect(left.status, left.text).toBe(204);
    await settled();
    expect(await connections(other.orgId)).toEqual([]);
    expect(await connections(t.orgId)).toEqual([{ user_id: t.manager.userId, status: "connected" }]);
  });

  it("the scheduled sweep forgets a connection a crash left behind after its member was removed", async () => {
    expect(JOB_CATALOG).toContain(departedJob);
    const token = await googleAccessToken(t.orgId, t.manager.userId);
    // The membership goes without the route (as if the process died before its follow-up ran).
    await withService((tx) =>
      tx.query("delete from public.memberships where org_id = $1 and user_id = $2", [t.orgId, t.manager.userId]),
    );
    expect(await connections(t.orgId)).toHaveLength(1);
    await departedJob.run({}, { id: "test", attempt: 1 });
    expect(await connections(t.orgId)).toEqual([]);
    expect(fake.isValid(token)).toBe(false);
  });
});
