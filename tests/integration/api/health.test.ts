import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase } from "@/lib/db/client";
import { Browser } from "./http";

afterAll(() => closeDatabase());

describe("health", () => {
  it("reports the database up and every migration applied, without signing in", async () => {
    const response = await new Browser().get("/api/health");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: "ok", db: "ok", migrations: "current" });
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });

  it("echoes the caller's request id", async () => {
    const response = await new Browser().get("/api/health", { headers: { "x-request-id": "trace-123" } });
    expect(response.headers.get("x-request-id")).toBe("trace-123");
  });
});
