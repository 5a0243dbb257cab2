import { describe, expect, it } from "vitest";
import { ACCOUNT_FREE_FAILURES, ACCOUNT_MAX_DELAY_SECONDS, accountDelaySeconds } from "@/lib/auth/local";
import { clientAddress, isLoopback, UNKNOWN_CLIENT } from "@/lib/http/rate-limit";

const request = (forwardedFor?: string) =>
  new Request("http://localhost/api/auth/sign-in", {
    headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
  });

describe("the client address", () => {
  it("without trusted proxies is the lone address Next.js recorded, and a fixed key for anything else", () => {
    expect(clientAddress(request("198.51.100.7"), 0)).toBe("198.51.100.7");
    expect(clientAddress(request("::ffff:127.0.0.1"), 0)).toBe("127.0.0.1");
    expect(clientAddress(request("127.0.0.1, 198.51.100.7"), 0)).toBe(UNKNOWN_CLIENT);
    expect(clientAddress(request("not-an-address"), 0)).toBe(UNKNOWN_CLIENT);
    expect(clientAddress(request(), 0)).toBe(UNKNOWN_CLIENT);
  });

  it("behind N trusted proxies is the Nth entry from the right, ignoring what the client wrote before it", () => {
    expect(clientAddress(request("127.0.0.1, 198.51.100.7"), 1)).toBe("198.51.100.7");
    expect(clientAddress(request("127.0.0.1, 198.51.100.7, 10.0.0.2"), 2)).toBe("198.51.100.7");
    expect(clientAddress(request("198.51.100.7"), 2)).toBe("198.51.100.7");
    expect(clientAddress(request("evil, 2001:db8::1"), 1)).toBe("2001:db8::1");
  });

  it("counts 127.0.0.0/8 and ::1 as loopback, nothing else", () => {
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("127.1.2.3")).toBe(true);
    expect(isLoopback("::1")).toBe(true);
    expect(isLoopback("10.0.0.1")).toBe(false);
    expect(isLoopback(UNKNOWN_CLIENT)).toBe(false);
  });
});

describe("the account's sign-in delay", () => {
  it("is none for the first five failures, then doubles from one second up to the cap", () => {
    expect(accountDelaySeconds(ACCOUNT_FREE_FAILURES - 1)).toBe(0);
    expect(accountDelaySeconds(ACCOUNT_FREE_FAILURES)).toBe(1);
    expect(accountDelaySeconds(ACCOUNT_FREE_FAILURES + 1)).toBe(2);
    expect(accountDelaySeconds(ACCOUNT_FREE_FAILURES + 4)).toBe(16);
    expect(accountDelaySeconds(ACCOUNT_FREE_FAILURES + 40)).toBe(ACCOUNT_MAX_DELAY_SECONDS);
    expect(ACCOUNT_MAX_DELAY_SECONDS).toBeLessThan(15 * 60);
  });
});
