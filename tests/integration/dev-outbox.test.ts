import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readOutbox, writeToOutbox } from "@/lib/email/outbox";

/**
 * /dev/outbox shows a signed-in person only the emails addressed to them (they hold reset and
 * invitation links); reading for one recipient filters before the limit, so a person's own
 * email is not pushed out of view by everyone else's. A data folder of this file's own.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), "kiln-dev-outbox-"));
process.env.KILN_DATA_DIR = dataDir;

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const pause = () => new Promise((resolve) => setTimeout(resolve, 2));

describe("reading the development outbox for one recipient", () => {
  it("returns only the emails addressed to that recipient, compared without case, newest first, within the limit", async () => {
    await writeToOutbox({ to: "Rep@Example.test", subject: "rep 1", text: "reset link for rep" });
    await pause();
    for (let i = 0; i < 5; i++) {
      await writeToOutbox({ to: "owner@example.test", subject: `owner ${i}`, text: "invitation link for owner" });
      await pause();
    }
    await writeToOutbox({ to: "rep@example.test", subject: "rep 2", text: "another" });

    const repMail = await readOutbox(10, "REP@example.test");
    expect(repMail.map((e) => e.subject)).toEqual(["rep 2", "rep 1"]);

    // The limit counts the recipient's own emails, not the five newer ones of someone else.
    expect((await readOutbox(2, "rep@example.test")).map((e) => e.subject)).toEqual(["rep 2", "rep 1"]);
    expect(await readOutbox(10, "nobody@example.test")).toEqual([]);

    // Without a recipient (a platform admin): everyone's, newest first.
    const all = await readOutbox(3);
    expect(all.map((e) => e.subject)).toEqual(["rep 2", "owner 4", "owner 3"]);
  });
});
