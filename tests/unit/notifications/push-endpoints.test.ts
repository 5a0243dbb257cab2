import { describe, expect, it } from "vitest";
import type { Resolver } from "@/lib/http/outbound";
import { pushEndpointPolicy, pushEndpointProblem } from "@/lib/notifications/push-endpoints";

/** Which push endpoints a browser may register: the vendors' push services over HTTPS, or ones the operator names. */

const publicAddress: Resolver = async () => [{ address: "142.250.1.1", family: 4 }];
const check = (endpoint: string, configured?: string, resolve: Resolver = publicAddress) =>
  pushEndpointProblem(endpoint, { policy: pushEndpointPolicy(configured), resolve });

describe("push endpoint policy", () => {
  it.each([
    "https://fcm.googleapis.com/fcm/send/abc:APA91b",
    "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
    "https://push.services.mozilla.com.cdn.push.services.mozilla.com/x",
    "https://web.push.apple.com/QGx",
    "https://wns2-by3p.notify.windows.com/w/?token=abc",
  ])("accepts the browser push service %s", async (endpoint) => {
    expect(await check(endpoint)).toBeNull();
  });

  it.each([
    ["plain http", "http://fcm.googleapis.com/fcm/send/abc"],
    ["an unknown host", "https://push.evil.example/x"],
    ["a look-alike host", "https://fcm.googleapis.com.evil.example/x"],
    ["another port", "https://fcm.googleapis.com:8443/x"],
    ["loopback", "http://127.0.0.1:9000/push"],
    ["a private address", "https://10.0.0.1/push"],
    ["the metadata address", "https://169.254.169.254/latest"],
  ])("refuses %s", async (_label, endpoint) => {
    expect(await check(endpoint)).toBe("pushEndpointUnknownService");
  });

  it("refuses a known push service name that resolves to a private address", async () => {
    expect(
      await check("https://fcm.googleapis.com/fcm/send/x", undefined, async () => [{ address: "10.0.0.7", family: 4 }]),
    ).toBe("pushEndpointUnknownService");
  });

  it("PUSH_SERVICE_HOSTS adds host patterns under the same rules, and origins the operator trusts as written", async () => {
    const configured = "push.example.org, *.ntfy.example.org, http://ntfy.lan:8080";
    expect(await check("https://push.example.org/up/abc", configured)).toBeNull();
    expect(await check("https://eu.ntfy.example.org/up/abc", configured)).toBeNull();
    expect(
      await check("https://push.example.org/up/abc", configured, async () => [{ address: "192.168.0.4", family: 4 }]),
    ).toBe("pushEndpointUnknownService");
    expect(
      await check("http://ntfy.lan:8080/up/abc", configured, async () => [{ address: "192.168.0.4", family: 4 }]),
    ).toBeNull();
    expect(
      await check("http://ntfy.lan:8081/up/abc", configured, async () => [{ address: "192.168.0.4", family: 4 }]),
    ).toBe("pushEndpointUnknownService");
  });
});
