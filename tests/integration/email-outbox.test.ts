import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "@/lib/db/client";
import { readOutbox } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { Browser, signUpPerson, team, uniqueEmail } from "./api/http";

/**
 * Without SMTP_URL every email the app would have sent lands in the development outbox
 * (/dev/outbox): invitations and password resets too, not only notifications, while the
 * link still comes back for the UI to show. A data folder of this file's own, so what it
 * reads is only what it wrote; set before the first env() read.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), "kiln-outbox-"));
process.env.KILN_DATA_DIR = dataDir;

type Team = Awaited<ReturnType<typeof team>>;
let t: Team;

beforeAll(async () => {
  expect(env().SMTP_URL).toBeUndefined();
  t = await team();
});

afterAll(async () => {
  await closeDatabase();
  rmSync(dataDir, { recursive: true, force: true });
});

const outboxFor = async (to: string) => (await readOutbox(500)).filter((e) => e.to === to);

describe("the development outbox (no SMTP_URL)", () => {
  it("holds the invitation email, and the inviter still gets the link", async () => {
    const email = uniqueEmail("invited");
    const response = await t.admin.browser.post("/api/v1/invitations", { email, role: "rep" });
    expect(response.status).toBe(201);
    expect(response.body.emailed).toBe(false);
    const [mail, ...more] = await outboxFor(email);
    expect(more).toHaveLength(0);
    expect(mail!.subject).toMatch(/invited you to .+ on Kiln$/);
    expect(mail!.text).toContain(response.body.link);
  });

  it("holds the password-reset email; the answer never carries the link (only a loopback request in development gets it)", async () => {
    const person = await signUpPerson({ prefix: "outbox-reset" });
    const response = await new Browser().post("/api/auth/password-reset", { email: person.email });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ ok: true });
    const [mail] = await outboxFor(person.email);
    expect(mail).toMatchObject({ to: person.email, subject: "Reset your Kiln password" });
    expect(mail!.text).toMatch(/\/reset-password\?token=/);
  });

  it("writes nothing for an address without an account (the answer stays the same)", async () => {
    const ghost = uniqueEmail("ghost");
    expect((await new Browser().post("/api/auth/password-reset", { email: ghost })).status).toBe(202);
    expect(await outboxFor(ghost)).toHaveLength(0);
  });
});
