import { describe, expect, it } from "vitest";
import { readJson, MAX_BODY_BYTES } from "@/lib/http/body";
import { decodeCursor, encodeCursor } from "@/lib/http/cursor";
import { fromDatabaseError, HttpError } from "@/lib/http/errors";
import { problemResponse, problemTexts } from "@/lib/http/problem";
import { hasRole } from "@/lib/auth/roles";
import { safeNext } from "@/lib/client/safe-next";

const jsonRequest = (body: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://localhost/x", { method: "POST", body, headers });

describe("request bodies", () => {
  it("parses JSON", async () => {
    expect(await readJson(jsonRequest('{"a":1}'))).toEqual({ a: 1 });
  });
  it("answers malformed JSON with 400", async () => {
    await expect(readJson(jsonRequest("{nope"))).rejects.toMatchObject({ status: 400 });
  });
  it("answers a body over 1 MB with 413, even without a content-length", async () => {
    const big = JSON.stringify({ text: "x".repeat(MAX_BODY_BYTES) });
    await expect(readJson(jsonRequest(big))).rejects.toMatchObject({ status: 413 });
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const streamed = new Request("http://localhost/x", {
      method: "POST",
      body: stream,
      headers: { "content-type": "application/json" },
      duplex: "half",
    } as RequestInit);
    await expect(readJson(streamed)).rejects.toMatchObject({ status: 413 });
  });
  it("answers a non-JSON content type with 415", async () => {
    await expect(
      readJson(jsonRequest("a=1", { "content-type": "application/x-www-form-urlencoded" })),
    ).rejects.toMatchObject({ status: 415 });
  });
});

describe("problem responses", () => {
  it("are application/problem+json with field errors and extra headers", async () => {
    const response = problemResponse(
      new HttpError(429, "Too many requests", "Slow down", {
        headers: { "Retry-After": "60" },
        errors: { email: ["x"] },
      }),
    );
    expect(response.status).toBe(429);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("retry-after")).toBe("60");
    expect(await response.json()).toMatchObject({
      status: 429,
      title: "Too many requests",
      detail: "Slow down",
      errors: { email: ["x"] },
    });
  });
});

describe("database errors a client can cause", () => {
  it("map to 4xx statuses", () => {
    expect(fromDatabaseError({ code: "42501" })?.status).toBe(403);
    expect(fromDatabaseError({ code: "23505" })?.status).toBe(409);
    expect(fromDatabaseError({ code: "P0001", hint: "gone", message: "expired" })?.status).toBe(410);
    expect(fromDatabaseError({ code: "P0001", hint: "last_owner", message: "keep one" })?.status).toBe(409);
  });
  it("a raised code becomes its problems key with the parameters from DETAIL, worded per reader", async () => {
    const raised = {
      code: "P0001",
      hint: "plan_limit",
      message: "agent_plan_limit",
      detail: '{"plan": "pro", "limit": 3, "nextPlan": "enterprise", "nextLimit": 10}',
    };
    const error = fromDatabaseError(raised)!;
    expect(error).toMatchObject({
      status: 409,
      title: "Plan limit reached",
      detailKey: "dbAgentPlanLimit",
      detailValues: { plan: "pro", limit: 3, nextPlan: "enterprise", nextLimit: 10 },
      detail: "Your Pro plan allows 3 active agents. Upgrade to Enterprise for 10.",
      extra: { code: "plan_limit" },
    });
    const largest = fromDatabaseError({ ...raised, detail: '{"plan": "enterprise", "limit": 10, "nextPlan": "none"}' });
    expect(largest?.detail).toBe("Your Enterprise plan allows 10 active agents. Deactivate one first.");
    expect((await problemResponse(error).json()).code).toBe("plan_limit");
  });
  it("a raised sentence with a value in it becomes its problems key with that value, worded per reader", async () => {
    const decided = fromDatabaseError({ code: "P0001", hint: "conflict", message: "This task was already rejected." })!;
    expect(decided).toMatchObject({
      status: 409,
      detailKey: "dbTaskAlreadyDecided",
      detailValues: { status: "rejected" },
      detail: "This task was already rejected.",
    });
    const elsewhere = fromDatabaseError({
      code: "P0001",
      hint: "forbidden",
      message: "This invitation is for ada@example.com. Sign in with that address to accept it.",
    })!;
    expect(elsewhere).toMatchObject({ status: 403, detailValues: { email: "ada@example.com" } });
    const german = problemTexts("de");
    expect((await problemResponse(elsewhere, undefined, german).json()).detail).toBe(
      german.problems("dbInvitationForOtherEmail", { email: "ada@example.com" }),
    );
    expect((await problemResponse(decided, undefined, problemTexts("he")).json()).detail).toBe(
      problemTexts("he").problems("dbTaskAlreadyDecided", { status: "rejected" }),
    );
    const held = fromDatabaseError({
      code: "P0001",
      hint: "forbidden",
      message: "Only the meeting's owner or a manager can mark it as held.",
    })!;
    expect(held.detailKey).toBe("dbMarkHeldNeedsOwner");
  });
  it("a field error given as a catalogue key is worded for the reader and coded by its key", async () => {
    const error = new HttpError(409, "Conflict", "savedViewNameTaken", {
      errors: { name: ["savedViewNameTaken"], currentPassword: ["currentPasswordWrong"] },
    });
    const german = problemTexts("de");
    expect(await problemResponse(error, undefined, german).json()).toMatchObject({
      detail: german.problems("savedViewNameTaken"),
      errors: {
        name: [german.problems("savedViewNameTaken")],
        currentPassword: [german.validation("currentPasswordWrong")],
      },
      errorCodes: { name: ["savedViewNameTaken"], currentPassword: ["currentPasswordWrong"] },
    });
  });
  it("leave everything else as a server error", () => {
    expect(fromDatabaseError({ code: "XX000" })).toBeNull();
    expect(fromDatabaseError(new Error("boom"))).toBeNull();
    expect(fromDatabaseError({ code: "P0001", hint: "unknown" })).toBeNull();
  });
});

describe("keyset cursors", () => {
  it("round-trip", () => {
    const value = { at: "2026-11-20 10:00:00.123456+00", id: "7d0f4f43-4a47-4a8f-9e0c-0b8a2d1f6f10" };
    expect(decodeCursor(encodeCursor(value))).toEqual(value);
  });
  it("reject tampering with 400", () => {
    const cursor = encodeCursor({ at: "2026-11-20 10:00:00.123456+00", id: "7d0f4f43-4a47-4a8f-9e0c-0b8a2d1f6f10" });
    const [payload, mac] = cursor.split(".");
    const forged = Buffer.from(
      JSON.stringify({ at: "1970-01-01 00:00:00+00", id: "7d0f4f43-4a47-4a8f-9e0c-0b8a2d1f6f10" }),
    ).toString("base64url");
    expect(() => decodeCursor(`${forged}.${mac}`)).toThrow(HttpError);
    expect(() => decodeCursor(`${payload}`)).toThrow(/cursor is not valid/);
    expect(() => decodeCursor("garbage")).toThrow(/cursor is not valid/);
  });
});

describe("roles", () => {
  it("rank owner > admin > manager > rep", () => {
    expect(hasRole("owner", "admin")).toBe(true);
    expect(hasRole("admin", "admin")).toBe(true);
    expect(hasRole("manager", "admin")).toBe(false);
    expect(hasRole("rep", "manager")).toBe(false);
    expect(hasRole(null, "rep")).toBe(false);
  });
});

describe("post-sign-in destinations", () => {
  it("allow only same-site paths", () => {
    expect(safeNext("/settings/organization")).toBe("/settings/organization");
    expect(safeNext("https://evil.example")).toBe("/dashboard");
    expect(safeNext("//evil.example")).toBe("/dashboard");
    expect(safeNext("/\\evil.example")).toBe("/dashboard");
    expect(safeNext(undefined)).toBe("/dashboard");
  });
});
