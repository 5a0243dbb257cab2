import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDatabase } from "@/lib/db/client";
import { createLogger, logger } from "@/lib/log";
import { signUpPerson, tokenFromLink, uniqueEmail, type Person } from "./http";

/**
 * Without SMTP_URL the inviter gets the invitation link to pass on; the link holds a working
 * token (up to owner), so it must never reach the log, where it outlives the invitation's
 * audience. The request logger is swapped for one writing into memory at info level.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), "kiln-log-"));
process.env.KILN_DATA_DIR = dataDir;

const lines: string[] = [];
const memory = createLogger({
  level: "info",
  destination: new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  }),
});

let owner: Person;
beforeAll(async () => {
  owner = await signUpPerson({ prefix: "log-owner" });
  vi.spyOn(logger, "child").mockImplementation((bindings) => memory.child(bindings));
});

afterAll(async () => {
  vi.restoreAllMocks();
  await closeDatabase();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("secrets in the log", () => {
  it("an invitation created without SMTP logs its id but never the link or its token", async () => {
    lines.length = 0;
    const response = await owner.browser.post("/api/v1/invitations", {
      email: uniqueEmail("log-invitee"),
      role: "owner",
    });
    expect(response.status).toBe(201);
    const token = tokenFromLink(response.body.link);

    const log = lines.join("\n");
    expect(log).toContain(response.body.invitation.id);
    expect(log).toContain("invitation not emailed");
    expect(log).not.toContain(token);
    expect(log).not.toContain("/invite/");
  });
});
