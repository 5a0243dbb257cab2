import { beforeEach, describe, expect, it, vi } from "vitest";

/**
 * A client that closes the page mid-request is not a server error: route() logs it at debug,
 * while a real failure keeps its error log (lib/http/client-abort.ts, lib/http/route.ts).
 */

const log = vi.hoisted(() => ({ debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() }));
vi.mock("@/lib/log", async (original) => ({
  ...(await original<typeof import("@/lib/log")>()),
  requestLogger: () => log,
}));

const { isClientAbort } = await import("@/lib/http/client-abort");
const { route } = await import("@/lib/http/route");

const request = (signal?: AbortSignal) => new Request("http://localhost/api/health", { signal });
const socketReset = () => Object.assign(new Error("aborted"), { code: "ECONNRESET" });

beforeEach(() => vi.clearAllMocks());

describe("isClientAbort", () => {
  it("recognises an aborted request signal, a reset socket, an AbortError and an 'aborted' read, also as a cause", () => {
    const controller = new AbortController();
    controller.abort();
    expect(isClientAbort(request(controller.signal), new Error("anything"))).toBe(true);
    expect(isClientAbort(request(), socketReset())).toBe(true);
    expect(isClientAbort(request(), new DOMException("The operation was aborted.", "AbortError"))).toBe(true);
    expect(isClientAbort(request(), new Error("aborted"))).toBe(true);
    expect(isClientAbort(request(), new TypeError("terminated", { cause: socketReset() }))).toBe(true);
  });

  it("does not mistake a server failure for a client that left", () => {
    expect(isClientAbort(request(), new Error("connection to the database was refused"))).toBe(false);
    expect(isClientAbort(request(), Object.assign(new Error("refused"), { code: "ECONNREFUSED" }))).toBe(false);
    expect(isClientAbort(request(), "aborted")).toBe(false);
  });
});

describe("route() and a client that closed the request", () => {
  it("logs a request the client aborted at debug, not as an unhandled error", async () => {
    const handler = route({ auth: "none" }, async () => {
      throw socketReset();
    });
    const response = await handler(request());
    expect(log.error).not.toHaveBeenCalled();
    expect(log.debug).toHaveBeenCalledWith(
      expect.objectContaining({ path: "/api/health" }),
      "client closed the request",
    );
    expect(response.status).toBe(499);
  });

  it("still logs a real failure as an unhandled error", async () => {
    const handler = route({ auth: "none" }, async () => {
      throw new Error("boom");
    });
    const response = await handler(request());
    expect(log.error).toHaveBeenCalledWith(expect.objectContaining({ path: "/api/health" }), "unhandled error");
    expect(log.debug).not.toHaveBeenCalled();
    expect(response.status).toBe(500);
  });
});
