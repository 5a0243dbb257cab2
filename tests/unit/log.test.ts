import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/log";

/** A logger writing JSON lines into memory, read back as parsed objects. */
function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ level: "info", destination });
  return {
    logger,
    raw: () => lines.join("\n"),
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

const TOKEN = "inv_9f8e7d6c5b4a39281706f5e4d3c2b1a0";
const LINK = `http://localhost:3000/invite/${TOKEN}`;

describe("the logger's redaction", () => {
  it("censors links, URLs and tokens at the top level", () => {
    const { logger, raw, entries } = capture();
    logger.info(
      { invitationId: "7c1f", link: LINK, url: LINK, resetUrl: LINK, token: TOKEN, inviteToken: TOKEN, devLink: LINK },
      "invitation created",
    );
    expect(raw()).not.toContain(TOKEN);
    expect(entries()[0]).toMatchObject({
      invitationId: "7c1f",
      link: "[redacted]",
      url: "[redacted]",
      resetUrl: "[redacted]",
      token: "[redacted]",
      inviteToken: "[redacted]",
      devLink: "[redacted]",
      msg: "invitation created",
    });
  });

  it("censors them at any depth, inside arrays too", () => {
    const { logger, raw, entries } = capture();
    logger.info(
      {
        outer: { middle: { inner: { link: LINK, resetLink: LINK, accessToken: TOKEN } } },
        items: [{ url: LINK }, { nested: [{ token: TOKEN }] }],
      },
      "deep",
    );
    expect(raw()).not.toContain(TOKEN);
    const entry = entries()[0] as {
      outer: { middle: { inner: Record<string, string> } };
      items: [{ url: string }, { nested: [{ token: string }] }];
    };
    expect(entry.outer.middle.inner).toEqual({
      link: "[redacted]",
      resetLink: "[redacted]",
      accessToken: "[redacted]",
    });
    expect(entry.items[0].url).toBe("[redacted]");
    expect(entry.items[1].nested[0].token).toBe("[redacted]");
  });

  it("censors passwords, secrets, credentials and bodies", () => {
    const { logger, raw } = capture();
    logger.warn(
      {
        password: "hunter2-hunter2",
        form: { newPassword: "hunter3-hunter3", currentPassword: "hunter4-hunter4" },
        clientSecret: "cs_live_abcdef",
        headers: { authorization: "Bearer sk_live_abcdef", cookie: "kiln_session=eyJabc" },
        apiKey: "kiln_key_abcdef",
        body: "Hi, my card number is 4242",
      },
      "request",
    );
    for (const secret of ["hunter2", "hunter3", "hunter4", "cs_live", "sk_live", "eyJabc", "kiln_key", "4242"])
      expect(raw()).not.toContain(secret);
  });

  it("censors links carried by a logged error", () => {
    const { logger, raw, entries } = capture();
    const error = Object.assign(new Error("upstream refused"), {
      url: LINK,
      response: { headers: { authorization: `Bearer ${TOKEN}` } },
    });
    logger.error({ err: error }, "failed");
    expect(raw()).not.toContain(TOKEN);
    expect(entries()[0]).toMatchObject({ err: { message: "upstream refused", url: "[redacted]", type: "Error" } });
  });

  it("censors child-logger bindings and survives circular objects", () => {
    const { logger, raw, entries } = capture();
    const circular: Record<string, unknown> = { name: "loop" };
    circular.self = circular;
    logger.child({ requestId: "req-1", token: TOKEN }).info({ circular }, "child");
    logger.child({ module: "invitations" }).child({ requestId: "req-2", resetUrl: LINK }).info("grandchild");
    expect(raw()).not.toContain(TOKEN);
    expect(entries()[0]).toMatchObject({
      requestId: "req-1",
      token: "[redacted]",
      circular: { name: "loop", self: "[circular]" },
    });
    expect(entries()[1]).toMatchObject({ module: "invitations", requestId: "req-2", resetUrl: "[redacted]" });
  });

  it("keeps what is not secret, such as ids, paths and token counts", () => {
    const { logger, entries } = capture();
    logger.info(
      { invitationId: "7c1f", path: "/api/v1/invitations", totalTokens: 812, status: 403, model: "gpt-4o-mini" },
      "kept",
    );
    expect(entries()[0]).toMatchObject({
      invitationId: "7c1f",
      path: "/api/v1/invitations",
      totalTokens: 812,
      status: 403,
      model: "gpt-4o-mini",
    });
  });
});
