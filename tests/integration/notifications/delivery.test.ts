import { createECDH, randomBytes } from "node:crypto";
import { createServer as createHttpServer, type IncomingMessage } from "node:http";
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { env } from "@/lib/env";
import { stopJobQueue } from "@/lib/jobs/boss";
import { settled } from "@/lib/jobs/soon";
import { DEFAULT_CHANNELS } from "@/lib/notifications/categories";
import { deliverDigest, deliverNotification, gatherDigests, MAX_DELIVERY_ATTEMPTS } from "@/lib/notifications/delivery";
import { translatorFor } from "@/lib/i18n/translator";
import { renderIntegrationProblem, type IntegrationProblemKind } from "@/lib/integrations/problems";
import { renderDeliveryError } from "@/lib/notifications/delivery-errors";
import { notifyWithResult } from "@/lib/notifications/notify";
import { team, type Person } from "../api/http";
import { mobile } from "../inbox/webhook-client";

/**
 * Out-of-app delivery against local stand-ins speaking each protocol: an SMTP server
 * (accepting, or answering 451 to every RCPT), a push service (201, or 410 Gone), and
 * the sandbox SMS sender (no Twilio credentials).
 */

// --- A tiny SMTP server (node:net) -------------------------------------------------------
type Mail = { from: string; to: string[]; data: string };
const smtp = { mode: "accept" as "accept" | "reject", mails: [] as Mail[] };
function smtpSession(socket: Socket) {
  let buffer = "";
  let inData = false;
  let mail: Mail = { from: "", to: [], data: "" };
  socket.write("220 kiln-test ESMTP\r\n");
  socket.on("data", (chunk) => {
    buffer += chunk.toString("utf8");
    for (;;) {
      if (inData) {
        const end = buffer.indexOf("\r\n.\r\n");
        if (end < 0) return;
        mail.data = buffer.slice(0, end);
        buffer = buffer.slice(end + 5);
        inData = false;
        smtp.mails.push(mail);
        mail = { from: "", to: [], data: "" };
        socket.write("250 OK queued\r\n");
        continue;
      }
      const newline = buffer.indexOf("\r\n");
      if (newline < 0) return;
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 2);
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === "EHLO" || verb === "HELO") socket.write("250-kiln-test\r\n250 8BITMIME\r\n");
      else if (verb === "MAIL") {
        mail.from = line;
        socket.write("250 OK\r\n");
      } else if (verb === "RCPT") {
        if (smtp.mode === "reject") socket.write("451 4.3.0 Try again later\r\n");
        else {
          mail.to.push(line);
          socket.write("250 OK\r\n");
        }
      } else if (verb === "DATA") {
        inData = true;
        socket.write("354 End data with <CR><LF>.<CR><LF>\r\n");
      } else if (verb === "QUIT") {
        socket.end("221 Bye\r\n");
      } else if (verb === "RSET" || verb === "NOOP") socket.write("250 OK\r\n");
      else socket.write("502 Not implemented\r\n");
    }
  });
  socket.on("error", () => {});
}
const smtpServer: Server = createServer(smtpSession);
await new Promise<void>((resolve) => smtpServer.listen(0, "127.0.0.1", resolve));
const smtpUrl = `smtp://127.0.0.1:${(smtpServer.address() as AddressInfo).port}`;

// --- A push service stand-in ----------------------------------------------------------------
const push = { status: 201, requests: [] as { url: string; headers: IncomingMessage["headers"]; bytes: number }[] };
const pushServer = createHttpServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (c) => chunks.push(c));
  request.on("end", () => {
    push.requests.push({ url: request.url ?? "", headers: request.headers, bytes: Buffer.concat(chunks).length });
    response.writeHead(push.status).end();
  });
});
await new Promise<void>((resolve) => pushServer.listen(0, "127.0.0.1", resolve));
const pushOrigin = `http://127.0.0.1:${(pushServer.address() as AddressInfo).port}`;

afterAll(async () => {
  await settled();
  await stopJobQueue();
  await closeDatabase();
  smtpServer.close();
  pushServer.close();
});

type Team = Awaited<ReturnType<typeof team>>;
let t: Team;

async function configure(
  person: Person,
  patch: {
    category: keyof typeof DEFAULT_CHANNELS;
    email?: boolean;
    push?: boolean;
    sms?: boolean;
    quiet?: { start: string; end: string } | null;
    phone?: string | null;
    timezone?: string;
  },
) {
  const current = (await person.browser.get("/api/v1/notification-settings")).body.settings;
  current.channels[patch.category] = {
    in_app: true,
    email: Boolean(patch.email),
    push: Boolean(patch.push),
    sms: Boolean(patch.sms),
  };
  current.quietHours = patch.quiet
    ? { enabled: true, ...patch.quiet }
    : { enabled: false, start: "22:00", end: "08:00" };
  current.timezone = patch.timezone ?? "UTC";
  if (patch.phone !== undefined) current.phone = patch.phone;
  const saved = await person.browser.put("/api/v1/notification-settings", current);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
}

const deliveryOf = async (id: string) =>
  withService(
    async (tx) =>
      (
        await tx.query<{
          status: string;
          attempts: number;
          last_error_kind: string | null;
          last_error_params: Record<string, unknown>;
          held_until: Date | null;
          digest_id: string | null;
        }>(
          "select status, attempts, last_error_kind, last_error_params, held_until, digest_id from public.notification_deliveries where id = $1",
          [id],
        )
      ).rows[0]!,
  );

const problemText = (kind: IntegrationProblemKind) =>
  renderIntegrationProblem({ kind, params: {} }, translatorFor("en", "notificationTexts"));
/** An email's text as written: quoted-printable soft line breaks joined, `=XX` escapes decoded. */
const unfold = (data: string | undefined) =>
  (data ?? "")
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** Notifies the admins of a failing integration (a category with no lead needed); returns the admin's deliveries. */
async function integrationAlert(problem: IntegrationProblemKind, now?: Date) {
  const result = await withService((tx) =>
    notifyWithResult(
      tx,
      {
        kind: "integration_failing",
        orgId: t.orgId,
        provider: "twilio",
        status: "error",
        problem: { kind: problem, params: {} },
      },
      now,
    ),
  );
  return result.notifications.find((n) => n.userId === t.admin.userId)!;
}

beforeAll(async () => {
  // Signed up without SMTP (invitation links come back in the API), then email goes to the
  // local server: env() is parsed once per process, so its value is pointed there directly.
  t = await team();
  env().SMTP_URL = smtpUrl;
  // The stand-in is an origin the operator trusts (PUSH_SERVICE_HOSTS): plain http on loopback.
  env().PUSH_SERVICE_HOSTS = pushOrigin;
});

describe("email", () => {
  it("goes out through SMTP_URL right after the notifying transaction commits", async () => {
    await configure(t.admin, { category: "integrations", email: true });
    smtp.mode = "accept";
    const mails = smtp.mails.length;
    const alert = await integrationAlert("token_rejected");
    await settled();
    const email = alert.deliveries.find((d) => d.channel === "email")!;
    expect(await deliveryOf(email.id)).toMatchObject({ status: "sent", attempts: 1, last_error_kind: null });
    const mail = smtp.mails.slice(mails).find((m) => m.to.some((to) => to.includes(t.admin.email)));
    expect(mail?.data).toContain("Subject: Twilio is failing");
    expect(unfold(mail?.data)).toContain(problemText("token_rejected"));

    // The user sees it on the notification.
    const list = await t.admin.browser.get("/api/v1/notifications?category=integrations&limit=1");
    expect(list.body.notifications[0].deliveries).toEqual([
      expect.objectContaining({ channel: "email", status: "sent" }),
    ]);
  });

  it("a refusing SMTP server is retried with backoff, then the delivery is failed and shown as not delivered", async () => {
    smtp.mode = "reject";
    const alert = await integrationAlert("token_refresh_failed");
    await settled(); // the first, after-commit attempt
    const email = alert.deliveries.find((d) => d.channel === "email")!;
    // A kind and the SMTP code are stored, not what the server said.
    expect(await deliveryOf(email.id)).toMatchObject({
      status: "pending",
      attempts: 1,
      last_error_kind: "email_deferred",
      last_error_params: { code: 451 },
    });
    // The job queue's retries, run here one after another instead of waiting for the backoff.
    for (let attempt = 2; attempt < MAX_DELIVERY_ATTEMPTS; attempt++)
      expect(await deliverNotification(email.id)).toBe("retry");
    expect(await deliverNotification(email.id)).toBe("failed");
    expect(await deliveryOf(email.id)).toMatchObject({ status: "failed", attempts: MAX_DELIVERY_ATTEMPTS });
    expect(await deliverNotification(email.id)).toBe("done");
    const list = await t.admin.browser.get("/api/v1/notifications?category=integrations&limit=1");
    expect(list.body.notifications[0].deliveries[0]).toMatchObject({
      channel: "email",
      status: "failed",
      error: { kind: "email_deferred", params: { code: 451 } },
      lastError: "The mail server deferred the email (SMTP 451).",
    });
    smtp.mode = "accept";
  });

  it("words a delivery error in the reader's language: German and Hebrew readers get their own text", async () => {
    const alert = await integrationAlert("token_refresh_failed");
    await settled();
    const email = alert.deliveries.find((d) => d.channel === "email")!;
    await withService((tx) =>
      tx.query(
        "update public.notification_deliveries set status = 'failed', last_error_kind = 'email_rejected', last_error_params = '{\"code\": 550}' where id = $1",
        [email.id],
      ),
    );
    try {
      for (const locale of ["de", "he"] as const) {
        expect((await t.admin.browser.patch("/api/v1/preferences", { interface: { language: locale } })).status).toBe(
          200,
        );
        const list = await t.admin.browser.get("/api/v1/notifications?category=integrations&limit=1");
        const delivery = list.body.notifications[0].deliveries[0];
        const expected = renderDeliveryError(
          { kind: "email_rejected", params: { code: 550 } },
          translatorFor(locale, "notifications"),
        );
        expect(delivery.error).toEqual({ kind: "email_rejected", params: { code: 550 } });
        expect(delivery.lastError).toBe(expected);
        expect(expected).toContain("550");
        expect(expected).not.toBe("The mail server refused the email (SMTP 550).");
      }
    } finally {
      await t.admin.browser.patch("/api/v1/preferences", { interface: { language: "en" } });
    }
  });

  it("holds email during quiet hours and sends ONE digest when they end", async () => {
    // Quiet 22:00–08:00 in Zurich; "now" is 23:30 there (22:30 UTC in winter).
    await configure(t.admin, {
      category: "integrations",
      email: true,
      quiet: { start: "22:00", end: "08:00" },
      timezone: "Europe/Zurich",
    });
    const night = new Date("2026-12-01T22:30:00Z");
    const ids: string[] = [];
    const problems = ["token_rejected", "grant_revoked", "token_refresh_failed"] as const;
    for (const problem of problems) {
      const alert = await integrationAlert(problem, night);
      const id = alert.deliveries.find((d) => d.channel === "email")!.id;
      ids.push(id);
      expect(await deliverNotification(id, night)).toBe("held");
    }
    await settled();
    for (const id of ids) {
      const held = await deliveryOf(id);
      expect(held.status).toBe("held");
      expect(new Date(held.held_until!).toISOString()).toBe("2026-12-02T07:00:00.000Z"); // 08:00 in Zurich
    }
    expect(await gatherDigests(new Date("2026-12-02T06:59:00Z"))).toEqual([]);
    const mails = smtp.mails.length;
    const digests = await gatherDigests(new Date("2026-12-02T07:00:30Z"));
    const mine = await withService(
      async (tx) =>
        (
          await tx.query<{ id: string; item_count: number }>(
            "select id, item_count from public.notification_digests where id = any ($1::uuid[]) and user_id = $2",
            [digests, t.admin.userId],
          )
        ).rows,
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]!.item_count).toBe(3);
    expect(await deliverDigest(mine[0]!.id)).toBe("sent");
    const sent = smtp.mails.slice(mails);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.data).toContain("3 notifications while you were away");
    for (const problem of problems) expect(unfold(sent[0]!.data)).toContain(problemText(problem));
    for (const id of ids) expect(await deliveryOf(id)).toMatchObject({ status: "sent", digest_id: mine[0]!.id });
  });
});

describe("web push", () => {
  function browserKeys() {
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    return { p256dh: ecdh.getPublicKey().toString("base64url"), auth: randomBytes(16).toString("base64url") };
  }

  it("encrypts and signs with VAPID for the push service (201), and forgets a subscription it answers 410 for", async () => {
    await configure(t.admin, { category: "integrations", push: true });
    const endpoint = `${pushOrigin}/push/${randomBytes(8).toString("hex")}`;
    expect((await t.admin.browser.post("/api/v1/push/subscribe", { endpoint, keys: browserKeys() })).status).toBe(201);
    expect((await t.admin.browser.get("/api/v1/push/vapid-public-key")).body.publicKey).toMatch(/^[A-Za-z0-9_-]{80,}$/);

    push.status = 201;
    const before = push.requests.length;
    const alert = await integrationAlert("token_rejected");
    await settled();
    const delivery = alert.deliveries.find((d) => d.channel === "push")!;
    expect(await deliveryOf(delivery.id)).toMatchObject({ status: "sent" });
    const request = push.requests.slice(before).find((r) => endpoint.endsWith(r.url));
    expect(request?.headers["content-encoding"]).toBe("aes128gcm");
    expect(request?.headers.authorization).toMatch(/^vapid t=.+, k=.+/);
    expect(request?.headers.ttl).toBeTruthy();
    expect(request!.bytes).toBeGreaterThan(100);

    expect((await t.admin.browser.post("/api/v1/push/test")).body).toMatchObject({ ok: true, browsers: 1 });

    push.status = 410;
    const gone = await integrationAlert("grant_revoked");
    await settled();
    expect(await deliveryOf(gone.deliveries.find((d) => d.channel === "push")!.id)).toMatchObject({
      status: "skipped",
    });
    const left = await withService(
      async (tx) =>
        (await tx.query("select 1 from public.push_subscriptions where endpoint = $1", [endpoint])).rowCount,
    );
    expect(left).toBe(0);
    expect((await t.admin.browser.post("/api/v1/push/test")).status).toBe(409);
    push.status = 201;
  });

  it("a subscription is the caller's own: another user cannot remove it", async () => {
    const endpoint = `${pushOrigin}/push/${randomBytes(8).toString("hex")}`;
    await t.rep.browser.post("/api/v1/push/subscribe", { endpoint, keys: browserKeys() });
    expect((await t.manager.browser.post("/api/v1/push/unsubscribe", { endpoint })).body.removed).toBe(false);
    expect((await t.rep.browser.post("/api/v1/push/unsubscribe", { endpoint })).body.removed).toBe(true);
    expect(
      (await t.rep.browser.post("/api/v1/push/subscribe", { endpoint: "javascript:alert(1)", keys: browserKeys() }))
        .status,
    ).toBe(422);
  });

  it.each([
    ["a loopback address", () => `http://127.0.0.1:${(pushServer.address() as AddressInfo).port + 1}/push/x`],
    ["a private address", () => "https://10.0.0.1/push/x"],
    ["the cloud metadata address", () => "https://169.254.169.254/latest/meta-data/"],
    ["a decimal loopback address", () => "https://2130706433/push/x"],
    ["an unknown host", () => "https://push.evil.example/x"],
    ["a known push service over plain http", () => "http://fcm.googleapis.com/fcm/send/x"],
  ])("subscribing with %s is refused with a field error (SSRF)", async (_label, endpoint) => {
    const response = await t.rep.browser.post("/api/v1/push/subscribe", { endpoint: endpoint(), keys: browserKeys() });
    expect(response.status).toBe(422);
    expect(response.errors?.endpoint?.[0]).toMatch(/known push service/);
  });

  it("a test push never tells the upstream's status, only delivered or not", async () => {
    const endpoint = `${pushOrigin}/push/${randomBytes(8).toString("hex")}`;
    expect((await t.manager.browser.post("/api/v1/push/subscribe", { endpoint, keys: browserKeys() })).status).toBe(
      201,
    );
    try {
      push.status = 503;
      const response = await t.manager.browser.post("/api/v1/push/test");
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ok: false, browsers: 1 });
      expect(JSON.stringify(response.body)).not.toMatch(/503/);
    } finally {
      push.status = 201;
      await t.manager.browser.post("/api/v1/push/unsubscribe", { endpoint });
    }
  });

  it("a subscription stored before the guard, to an address the server must not call, is refused at send time and removed", async () => {
    // Another local server, not the trusted stand-in: what a scan of the internal network would hit.
    const internal = { hits: 0 };
    const internalServer = createHttpServer((_request, response) => {
      internal.hits += 1;
      response.writeHead(201).end();
    });
    await new Promise<void>((resolve) => internalServer.listen(0, "127.0.0.1", resolve));
    try {
      const endpoint = `http://127.0.0.1:${(internalServer.address() as AddressInfo).port}/internal`;
      const keys = browserKeys();
      await withService((tx) =>
        tx.query("insert into public.push_subscriptions (user_id, endpoint, p256dh, auth) values ($1, $2, $3, $4)", [
          t.owner.userId,
          endpoint,
          keys.p256dh,
          keys.auth,
        ]),
      );
      const response = await t.owner.browser.post("/api/v1/push/test");
      expect(response.status).toBe(409);
      expect(internal.hits).toBe(0);
      expect(
        await withService(
          async (tx) =>
            (await tx.query("select 1 from public.push_subscriptions where endpoint = $1", [endpoint])).rowCount,
        ),
      ).toBe(0);
    } finally {
      internalServer.close();
    }
  });
});

describe("SMS", () => {
  it("goes from the organization's number through the sandbox sender to the phone in settings", async () => {
    const number = mobile();
    await t.owner.browser.post("/api/v1/channels", {
      provider: "twilio",
      address: mobile(),
      capabilities: ["sms"],
      label: "SMS line",
    });
    await configure(t.admin, { category: "integrations", sms: true, phone: number });
    const alert = await integrationAlert("token_refresh_failed");
    await settled();
    expect(await deliveryOf(alert.deliveries.find((d) => d.channel === "sms")!.id)).toMatchObject({
      status: "sent",
      attempts: 1,
    });
  });
});
