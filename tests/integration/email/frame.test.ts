import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "@/lib/db/client";
import de from "@/lib/i18n/messages/de.json";
import { team } from "../api/http";
import { leadSends, mailroom, one, rfc822, uniqueAddress, type Mailroom, type Team } from "./mail";

/**
 * The document of an email's frame (app/api/v1/messages/[id]/email/frame): sanitized on the
 * server and answered with its own Content-Security-Policy, which alone decides whether the
 * web's images load (proxy.ts leaves the path alone). Read as the members of the organization
 * can read the email, and by nobody else.
 */

afterAll(() => closeDatabase());

let room: Mailroom;
let outsider: Team;
let htmlMessage: string;
let textMessage: string;

const IMAGE = "https://images.example.org/roof-plan.png";

const messageOf = async (rfcMessageId: string) =>
  (await one<{ message_id: string }>(
    "select message_id from public.email_messages where org_id = $1 and rfc_message_id = $2",
    [room.t.orgId, rfcMessageId],
  ))!.message_id;

beforeAll(async () => {
  room = await mailroom();
  outsider = await team();
  const from = uniqueAddress("jonas.keller");
  const htmlId = `${randomUUID()}@mail.example.org`;
  await leadSends(
    room,
    rfc822(
      {
        From: `Jonas Keller <${from}>`,
        To: room.mailbox,
        Subject: "Roof plan",
        "Message-ID": `<${htmlId}>`,
        "Content-Type": "text/html; charset=utf-8",
      },
      [
        "<html><body>",
        "<p>Here is our roof plan.</p>",
        `<p><img src="${IMAGE}" alt="Roof plan" width="120" height="40"></p>`,
        `<script>parent.document.title = "owned"</script>`,
        `<p><a href="javascript:alert(1)" onclick="alert(2)">Click</a></p>`,
        '<blockquote type="cite"><p>Am Dienstag schrieb Hanna:</p><p>Wie sieht das Dach aus?</p></blockquote>',
        "</body></html>",
      ].join("\r\n"),
    ),
  );
  htmlMessage = await messageOf(htmlId);
  const textId = `${randomUUID()}@mail.example.org`;
  await leadSends(
    room,
    rfc822({ From: from, To: room.mailbox, Subject: "Plain", "Message-ID": `<${textId}>` }, "Only text here."),
  );
  textMessage = await messageOf(textId);
});

const frame = (id: string, query = "") => `/api/v1/messages/${id}/email/frame${query}`;
const imgSrc = (policy: string | null) => policy?.match(/img-src ([^;]*)/)?.[1]?.trim();

describe("the email frame document", () => {
  it("is sanitized HTML under a policy of its own, which blocks the web's images by default", async () => {
    const response = await room.t.rep.browser.get(frame(htmlMessage));
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const policy = response.headers.get("content-security-policy");
    expect(policy).toBe(
      "default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'; frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox",
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("cross-origin-resource-policy")).toBe("same-origin");

    const html = response.text;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("Here is our roof plan.");
    expect(html).not.toContain(IMAGE);
    expect(html).toContain('class="kiln-blocked-image"');
    expect(html).not.toMatch(/<script|javascript:|onclick|owned/i);
  });

  it("admits the web's images once the reader asks (images=1)", async () => {
    const response = await room.t.rep.browser.get(frame(htmlMessage, "?images=1"));
    expect(response.status).toBe(200);
    expect(imgSrc(response.headers.get("content-security-policy"))).toBe("data: https: http:");
    expect(response.text).toContain(`<img src="${IMAGE}"`);
    expect(response.text).not.toContain("<script");
    expect((await room.t.rep.browser.get(frame(htmlMessage, "?images=2"))).status).toBe(422);
  });

  it("folds quoted history behind a summary in the reader's language", async () => {
    const response = await room.t.rep.browser.get(frame(htmlMessage), { headers: { "accept-language": "de" } });
    expect(response.text).toContain(`<details class="kiln-quote"><summary>${de.inbox.email.showQuoted}</summary>`);
  });

  it("is not found for an email without HTML, or for another organization", async () => {
    const textOnly = await room.t.rep.browser.get(frame(textMessage));
    expect(textOnly.status).toBe(404);
    expect(textOnly.headers.get("content-type")).toContain("application/problem+json");
    const foreign = await outsider.owner.browser.get(frame(htmlMessage));
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get("content-type")).toContain("application/problem+json");
    expect(foreign.text).not.toContain("roof plan");
    expect((await room.t.rep.browser.get(frame(randomUUID()))).status).toBe(404);
  });
});
