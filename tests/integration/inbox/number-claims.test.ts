/**
 * With the installation's own provider accounts (live mode), an organization may add a
 * number only when a platform admin allocated it to that organization and the provider
 * account holds it. Every refusal is the same answer, so it tells nothing about which
 * numbers other organizations use. Twilio and the Cloud API are played by a local server,
 * reached through the official Twilio SDK and fetch over real HTTP.
 */
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT_SID, startFakeProviders, liveModeAgainst } from "./fake-providers";

const fake = await startFakeProviders();
const PLATFORM_ADMIN = `platform-${randomUUID()}@kiln.test`;
liveModeAgainst(fake.base, PLATFORM_ADMIN);

const { withRls, withService } = await import("@/lib/db");
const { closeDatabase } = await import("@/lib/db/client");
const { settled } = await import("@/lib/jobs/soon");
const { senderFor } = await import("@/lib/channels");
const { signUpPerson, team } = await import("../api/http");
const { cloudEnvelope, cloudText, metaSignature, mobile, postTwilio, postWhatsapp, twilioInbound, twilioSignature } =
  await import("./webhook-client");

afterAll(async () => {
  await closeDatabase();
  fake.close();
});

type Team = Awaited<ReturnType<typeof team>>;
let a: Team;
let b: Team;
let platform: Awaited<ReturnType<typeof signUpPerson>>;

const cloudId = () => String(randomInt(100_000_000, 999_999_999));
const smsLine = (address: string) => ({ provider: "twilio", address, capabilities: ["sms"], label: "Line" });
const cloudLine = (address: string, phoneNumberId: string) => ({
  provider: "whatsapp_cloud",
  address,
  phoneNumberId,
  capabilities: ["whatsapp"],
  label: "WhatsApp",
});

async function allocate(orgId: string, provider: string, number: string) {
  const response = await platform.browser.post("/api/v1/platform/number-allocations", { orgId, provider, number });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
}

/** The refusal without the request id every response carries. */
const answer = (response: { status: number; body: Record<string, unknown> }) => {
  const { requestId, ...body } = response.body;
  expect(requestId).toEqual(expect.any(String));
  return { status: response.status, body };
};

beforeAll(async () => {
  [a, b] = await Promise.all([team(), team()]);
  platform = await signUpPerson({ email: PLATFORM_ADMIN });
});

describe("allocating numbers", () => {
  it("only a platform admin allocates numbers, and a number belongs to one organization at a time", async () => {
    const number = mobile();
    for (const outsider of [a.owner, b.admin]) {
      expect(
        (
          await outsider.browser.post("/api/v1/platform/number-allocations", {
            orgId: outsider.orgId,
            provider: "twilio",
            number,
          })
        ).status,
      ).toBe(403);
      expect((await outsider.browser.get("/api/v1/platform/number-allocations")).status).toBe(403);
    }
    await allocate(a.orgId, "twilio", number);
    await allocate(a.orgId, "twilio", number); // again: nothing changes
    const taken = await platform.browser.post("/api/v1/platform/number-allocations", {
      orgId: b.orgId,
      provider: "twilio",
      number,
    });
    expect(taken.status).toBe(409);
    const list = await platform.browser.get("/api/v1/platform/number-allocations");
    expect(list.body.allocations.filter((x: { number: string }) => x.number === number)).toEqual([
      expect.objectContaining({ orgId: a.orgId, provider: "twilio" }),
    ]);
    const invalid = await platform.browser.post("/api/v1/platform/number-allocations", {
      orgId: a.orgId,
      provider: "twilio",
      number: "12",
    });
    expect(invalid.status).toBe(422);
    expect(invalid.errors).toHaveProperty("number");
    const released = await platform.browser.delete(
      `/api/v1/platform/number-allocations?provider=twilio&number=${encodeURIComponent(number)}`,
    );
    expect(released.status).toBe(204);
    await allocate(b.orgId, "twilio", number);
  });
});

describe("adding a live number", () => {
  it("a number allocated to the organization and held by the Twilio account is added, after asking Twilio through its SDK", async () => {
    const number = mobile();
    fake.twilioNumbers.add(number);
    await allocate(a.orgId, "twilio", number);
    const before = fake.recorded.length;
    const created = await a.admin.browser.post("/api/v1/channels", smsLine(number));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const lookup = fake.recorded.slice(before).find((r) => r.url.includes("/IncomingPhoneNumbers.json"))!;
    expect(lookup.method).toBe("GET");
    expect(new URL(lookup.url, fake.base).pathname).toBe(
      `/2010-04-01/Accounts/${ACCOUNT_SID}/IncomingPhoneNumbers.json`,
    );
    expect(new URL(lookup.url, fake.base).searchParams.get("PhoneNumber")).toBe(number);
    expect(lookup.headers.authorization).toBe(
      `Basic ${Buffer.from(`${ACCOUNT_SID}:live-twilio-auth-token`).toString("base64")}`,
    );
  });

  it("the refusal is identical for another organization's number, a number nobody has, an unallocated number of the account and one the account does not hold", async () => {
    const theirs = mobile();
    fake.twilioNumbers.add(theirs);
    await allocate(a.orgId, "twilio", theirs);
    expect((await a.admin.browser.post("/api/v1/channels", smsLine(theirs))).status).toBe(201);

    const unallocated = mobile();
    fake.twilioNumbers.add(unallocated);
    const notInAccount = mobile();
    await allocate(b.orgId, "twilio", notInAccount);

    const refusals = [];
    for (const number of [theirs, mobile(), unallocated, notInAccount]) {
      const response = await b.admin.browser.post("/api/v1/channels", smsLine(number));
      refusals.push(answer(response));
    }
    expect(refusals[0]).toMatchObject({
      status: 422,
      body: { code: "number_not_available", errors: { address: [expect.any(String)] } },
    });
    for (const refusal of refusals.slice(1)) expect(refusal).toEqual(refusals[0]);
    expect(JSON.stringify(refusals[0])).not.toMatch(/another organization|already/i);
    expect(
      await withService(
        async (tx) => (await tx.query("select 1 from public.channels where org_id = $1", [b.orgId])).rowCount,
      ),
    ).toBe(0);
  });

  it("a Cloud API number is added only when allocated and readable with the configured token, with the same refusal otherwise", async () => {
    const [mine, unreadable, theirs] = [cloudId(), cloudId(), cloudId()];
    const address = mobile();
    fake.cloudNumbers.set(mine, address.slice(1));
    fake.cloudNumbers.set(theirs, mobile().slice(1));
    await allocate(b.orgId, "whatsapp_cloud", mine);
    await allocate(b.orgId, "whatsapp_cloud", unreadable);
    await allocate(a.orgId, "whatsapp_cloud", theirs);
    expect((await b.admin.browser.post("/api/v1/channels", cloudLine(address, mine))).status).toBe(201);
    const refusals = [];
    for (const id of [unreadable, theirs, cloudId()])
      refusals.push(answer(await b.admin.browser.post("/api/v1/channels", cloudLine(mobile(), id))));
    expect(refusals[0]).toMatchObject({
      status: 422,
      body: { code: "number_not_available", errors: { phoneNumberId: [expect.any(String)] } },
    });
    for (const refusal of refusals.slice(1)) expect(refusal).toEqual(refusals[0]);
  });
});

describe("live routing and sending follow the allocation", () => {
  it("a channel row written straight into the database for another organization's number receives nothing and sends nothing", async () => {
    const number = mobile();
    fake.twilioNumbers.add(number);
    await allocate(a.orgId, "twilio", number);
    expect((await a.admin.browser.post("/api/v1/channels", smsLine(number))).status).toBe(201);
    // What B's admin could write with their own token through a database API, bypassing ours.
    await withRls({ sub: b.admin.userId, email: b.admin.email, role: "authenticated" }, (tx) =>
      tx.query(
        "insert into public.channels (org_id, provider, address, capabilities, label, created_by) values ($1, 'twilio', $2, '{sms}', 'Squatted', $3)",
        [b.orgId, number, b.admin.userId],
      ),
    );

    const params = twilioInbound(number, mobile(), "Who gets this?");
    const signature = twilioSignature("/api/webhooks/twilio/messaging", params, "live-twilio-auth-token");
    expect((await postTwilio(null, "/api/webhooks/twilio/messaging", params, { signature })).status).toBe(200);
    const cloud = cloudEnvelope(cloudId(), [{ messages: [cloudText(mobile(), "Nobody's number")] }]);
    expect(
      (await postWhatsapp(null, cloud, { signature: metaSignature(JSON.stringify(cloud), "live-whatsapp-app-secret") }))
        .status,
    ).toBe(200);
    await settled();
    const conversations = await withService(
      async (tx) =>
        (
          await tx.query<{ org_id: string }>(
            "select c.org_id from public.conversations c join public.messages m on m.conversation_id = c.id where m.provider_message_id = $1",
            [params.MessageSid],
          )
        ).rows,
    );
    expect(conversations).toEqual([{ org_id: a.orgId }]);

    const before = fake.recorded.length;
    const refused = await senderFor("twilio").send({
      orgId: b.orgId,
      provider: "twilio",
      medium: "sms",
      from: number,
      phoneNumberId: null,
      to: mobile(),
      body: "From a squatted number",
    });
    expect(refused).toMatchObject({ ok: false, retryable: false, errorCode: "number_not_allocated" });
    expect(fake.recorded.length).toBe(before);
  });
});
