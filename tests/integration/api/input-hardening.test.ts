import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "@/lib/db/client";
import { type Person, signUpPerson } from "./http";

afterAll(() => closeDatabase());

/** Input that used to reach the database (and come back as a 500) is a 4xx with a field error. */
describe("input the database cannot store", () => {
  let owner: Person;
  let leadId: string;
  beforeAll(async () => {
    owner = await signUpPerson({ prefix: "hardening" });
    const created = await owner.browser.post("/api/v1/leads", { name: "Anna Keller" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    leadId = created.body.lead?.id ?? created.body.id;
  });

  it("a NUL character in a lead's name is a 422 on the name field", async () => {
    const response = await owner.browser.post("/api/v1/leads", { name: "Anna\u0000Keller" });
    expect(response.status).toBe(422);
    expect(response.errors?.name?.[0]).toMatch(/cannot be stored/);
  });

  it("a lone surrogate in a note is a 422 on the text field", async () => {
    const response = await owner.browser.post(`/api/v1/leads/${leadId}/notes`, { text: "broken \uD800 text" });
    expect(response.status).toBe(422);
    expect(response.errors?.text).toBeDefined();
  });

  it("a NUL in a field no schema names (nested, or in a key) is refused before any schema runs", async () => {
    const nested = await owner.browser.patch(`/api/v1/leads/${leadId}/bant`, {
      budget: { status: "confirmed", value: "10k", evidence: "a\u0000b" },
    });
    expect(nested.status).toBe(422);
    expect(Object.keys(nested.errors ?? {})).toEqual(["budget.evidence"]);
    const key = await owner.browser.patch(`/api/v1/leads/${leadId}`, { ["na\u0000me"]: "x" });
    expect(key.status).toBe(422);
  });

  it("a date in the year 300000 is a 422, in the body and in the query", async () => {
    const body = await owner.browser.post(`/api/v1/leads/${leadId}/heat`, {
      level: "hot",
      reason: "Asked for an offer",
      expiresAt: "300000-01-01T00:00:00Z",
    });
    expect(body.status).toBe(422);
    expect(body.errors?.expiresAt).toBeDefined();
    const query = await owner.browser.get("/api/v1/leads?updatedSince=300000-01-01");
    expect(query.status).toBe(422);
    expect(query.errors?.updatedSince).toBeDefined();
  });

  it("dates Postgres cannot hold or no calendar has are 422s: 271821 BC, February 30, null as a date", async () => {
    for (const expiresAt of ["-271821-04-20T00:00:00.000Z", "2030-02-30T10:00:00Z", "0000-00-00", true, 1e308]) {
      const response = await owner.browser.post(`/api/v1/leads/${leadId}/heat`, {
        level: "hot",
        reason: "Asked for an offer",
        expiresAt,
      });
      expect(response.status, String(expiresAt)).toBe(422);
      expect(response.errors?.expiresAt, String(expiresAt)).toBeDefined();
    }
  });

  it("a heat override that expires in the past is a 422 on expiresAt; one in the future is pinned", async () => {
    const past = await owner.browser.post(`/api/v1/leads/${leadId}/heat`, {
      level: "hot",
      reason: "Asked for an offer",
      expiresAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(past.status).toBe(422);
    expect(past.errors?.expiresAt?.[0]).toMatch(/future/);
    const future = await owner.browser.post(`/api/v1/leads/${leadId}/heat`, {
      level: "hot",
      reason: "Asked for an offer",
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(future.status, JSON.stringify(future.body)).toBe(200);
  });

  it("a query key given twice is a 400, never a 500", async () => {
    const response = await owner.browser.get("/api/v1/leads?status=new&status=won");
    expect(response.status).toBe(400);
    expect(response.errors?.status).toBeDefined();
  });

  it("malformed JSON is a 400 and JSON nested 10 000 levels deep is a 400, before parsing", async () => {
    const malformed = await owner.browser.post("/api/v1/leads", undefined, { rawBody: '{"name": "Anna' });
    expect(malformed.status).toBe(400);
    const deep = await owner.browser.post("/api/v1/leads", undefined, {
      rawBody: `${"[".repeat(10_000)}${"]".repeat(10_000)}`,
    });
    expect(deep.status).toBe(400);
    expect(deep.body.detail).toMatch(/nested too deeply/);
  });

  it("a __proto__ key in a body cannot change what the handler sees", async () => {
    const response = await owner.browser.post("/api/v1/leads", undefined, {
      rawBody: '{"name":"Proto Lead","__proto__":{"ownerId":"not-a-uuid","status":"won"}}',
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const lead = response.body.lead ?? response.body;
    expect(lead.status).toBe("new");
  });
});
