import { describe, expect, it } from "vitest";
import { GoogleConnectionUnavailable } from "@/lib/integrations/google/connection";
import { gmailSendFailureOf } from "@/lib/integrations/google/gmail-send";

/** Google's answer as the official client throws it (a GaxiosError, read by shape). */
const answered = (status: number, reason?: string, rpcStatus?: string) =>
  Object.assign(new Error(`Request failed with status code ${status}`), {
    response: {
      status,
      data: {
        error: {
          code: status,
          message: "Google's words",
          ...(rpcStatus ? { status: rpcStatus } : {}),
          errors: reason ? [{ reason, message: "Google's words", domain: "global" }] : [],
        },
      },
    },
  });

const kind = (error: unknown) => {
  const { errorCode, retryable } = gmailSendFailureOf(error);
  return { errorCode, retryable };
};

describe("a failed Gmail send, in the outbound failure model", () => {
  it.each([
    ["429", answered(429, "rateLimitExceeded", "RESOURCE_EXHAUSTED"), "gmail_rate_limited", true],
    ["403 over the sending quota", answered(403, "userRateLimitExceeded"), "gmail_rate_limited", true],
    [
      "403 without the send scope",
      answered(403, "insufficientPermissions", "PERMISSION_DENIED"),
      "gmail_send_off",
      false,
    ],
    [
      "403 for another reason (a domain policy)",
      answered(403, "forbidden", "PERMISSION_DENIED"),
      "gmail_refused",
      false,
    ],
    ["400 (a malformed recipient)", answered(400, "invalidArgument", "INVALID_ARGUMENT"), "gmail_refused", false],
    ["401 after the refresh", answered(401, "authError", "UNAUTHENTICATED"), "gmail_reconnect", false],
    ["500", answered(500, "backendError"), "gmail_unavailable", true],
    ["503", answered(503), "gmail_unavailable", true],
    [
      "no answer (a timeout, a reset connection)",
      Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
      "gmail_unavailable",
      true,
    ],
    ["a revoked grant", new GoogleConnectionUnavailable("needs_reauth", "invalid_grant"), "gmail_reconnect", false],
    [
      "a disconnected mailbox",
      new GoogleConnectionUnavailable("disconnected", "Google is not connected."),
      "gmail_disconnected",
      false,
    ],
    [
      "a refresh that failed for a passing reason",
      new GoogleConnectionUnavailable("error", "refresh failed"),
      "gmail_unavailable",
      true,
    ],
  ])("%s → %s", (_, error, errorCode, retryable) => {
    expect(kind(error)).toEqual({ errorCode, retryable });
  });

  it("keeps Google's status and words for the log of the message, bounded", () => {
    const failure = gmailSendFailureOf(answered(400, "invalidArgument"));
    expect(failure.errorMessage).toBe("Gmail answered 400: Google's words");
    expect(gmailSendFailureOf(new Error("x".repeat(900))).errorMessage).toHaveLength(500);
  });
});
