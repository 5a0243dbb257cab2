import { describe, expect, it } from "vitest";
import { GoogleConnectionUnavailable } from "@/lib/integrations/google/connection";
import { googleWriteErrorOf } from "@/lib/meetings/google-write";

/** An error shaped as the Google clients throw it (a GaxiosError: the answer under `response`). */
const answered = (status: number, reason?: string) =>
  Object.assign(new Error(`HTTP ${status}`), {
    response: { status, data: reason ? { error: { code: status, errors: [{ reason }] } } : {} },
  });

describe("why writing a meeting to Google Calendar failed, as the kind the meeting shows", () => {
  it.each([
    [answered(401), "needs_reauth"],
    [answered(403, "insufficientPermissions"), "forbidden"],
    [answered(403, "rateLimitExceeded"), "rate_limited"],
    [answered(429), "rate_limited"],
    [answered(404), "gone"],
    [answered(410, "deleted"), "gone"],
    [answered(503, "backendError"), "unavailable"],
    [answered(400, "invalid"), "unexpected"],
    [Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), "unavailable"],
    [new GoogleConnectionUnavailable("needs_reauth", "reconnect"), "needs_reauth"],
    [new GoogleConnectionUnavailable("error", "refresh failed"), "unavailable"],
    [new GoogleConnectionUnavailable("missing", "gone"), "not_connected"],
    [new TypeError("our own bug"), "unexpected"],
  ] as const)("%s → %s", (error, kind) => {
    expect(googleWriteErrorOf(error)).toBe(kind);
  });
});
