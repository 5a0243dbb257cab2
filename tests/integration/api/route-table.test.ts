import path from "node:path";
import { describe, expect, it } from "vitest";
import { apiRouteFiles, matchPattern, resolveRoute } from "./http";

describe("the tests' route table, walked from app/api/**/route.ts", () => {
  it("lists every route file once, with its folder as the URL pattern", () => {
    const files = apiRouteFiles();
    expect(new Set(files.map((f) => f.pattern)).size).toBe(files.length);
    expect(files).toContainEqual({
      pattern: "/api/v1/leads/[id]",
      file: path.resolve("app/api/v1/leads/[id]/route.ts"),
    });
  });

  it("tries a literal segment before a dynamic one, as Next does", async () => {
    const patterns = apiRouteFiles().map((f) => f.pattern);
    expect(patterns.indexOf("/api/v1/leads/counts")).toBeLessThan(patterns.indexOf("/api/v1/leads/[id]"));
    const counts = await resolveRoute("/api/v1/leads/counts");
    expect(counts.params).toEqual({});
    expect((await resolveRoute("/api/v1/leads/4b7c1d2e-0000-4000-8000-000000000000")).params).toEqual({
      id: "4b7c1d2e-0000-4000-8000-000000000000",
    });
  });

  it("matches [id] to one segment and decodes it", () => {
    expect(matchPattern("/api/v1/members/[userId]", "/api/v1/members/a%20b")).toEqual({ userId: "a b" });
    expect(matchPattern("/api/v1/members/[userId]", "/api/v1/members/a/b")).toBeNull();
    expect(matchPattern("/api/v1/members/[userId]", "/api/v1/members")).toBeNull();
  });

  it("matches [...slug] to one or more segments and [[...slug]] to zero or more, as arrays", () => {
    expect(matchPattern("/api/files/[...path]", "/api/files/a/b")).toEqual({ path: ["a", "b"] });
    expect(matchPattern("/api/files/[...path]", "/api/files")).toBeNull();
    expect(matchPattern("/api/docs/[[...page]]", "/api/docs")).toEqual({});
    expect(matchPattern("/api/docs/[[...page]]", "/api/docs/x")).toEqual({ page: ["x"] });
  });

  it("answers no handler for a path outside app/api", async () => {
    await expect(resolveRoute("/api/no/such/route")).rejects.toThrow("No route handler for /api/no/such/route");
  });
});
