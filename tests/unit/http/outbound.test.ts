import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertPublicUrl, guardedFetch, isPublicAddress, OutboundUrlError, type Resolver } from "@/lib/http/outbound";

/**
 * The outbound-URL guard against server-side request forgery: every address form that reaches
 * the server's own network is refused, names are judged by what they resolve to, the connection
 * goes only to the address that was checked, and redirects are never followed.
 */

const resolveTo =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
const publicName = resolveTo("93.184.216.34");

async function refusal(url: string, resolve: Resolver = publicName, policy = {}) {
  try {
    await assertPublicUrl(url, policy, { resolve });
  } catch (error) {
    expect(error).toBeInstanceOf(OutboundUrlError);
    return (error as OutboundUrlError).reason;
  }
  return null;
}

describe("assertPublicUrl", () => {
  it.each([
    ["loopback", "https://127.0.0.1/"],
    ["another loopback address", "https://127.8.9.10/"],
    ["IPv6 loopback", "https://[::1]/"],
    ["10.x", "https://10.0.0.1/push"],
    ["172.16.x", "https://172.16.5.4/"],
    ["192.168.x", "https://192.168.1.1/"],
    ["the cloud metadata address", "https://169.254.169.254/latest/meta-data/"],
    ["the IPv6 metadata address", "https://[fd00:ec2::254]/"],
    ["the unspecified address", "https://0.0.0.0/"],
    ["carrier-grade NAT", "https://100.64.0.1/"],
    ["IPv6 link-local", "https://[fe80::1]/"],
    ["IPv6 unique-local", "https://[fc00::1]/"],
    ["IPv4-mapped IPv6 loopback", "https://[::ffff:127.0.0.1]/"],
    ["IPv4-mapped IPv6 in hex", "https://[::ffff:7f00:1]/"],
    ["NAT64 of a private address", "https://[64:ff9b::a00:1]/"],
    ["decimal IPv4", "https://2130706433/"],
    ["hexadecimal IPv4", "https://0x7f000001/"],
    ["dotted hexadecimal IPv4", "https://0x7f.0.0.1/"],
    ["octal IPv4", "https://0177.0.0.1/"],
    ["shortened IPv4", "https://127.1/"],
    ["broadcast", "https://255.255.255.255/"],
    ["multicast", "https://224.0.0.1/"],
  ])("refuses %s (%s)", async (_label, url) => {
    expect(await refusal(url)).toBe("private_address");
  });

  it("refuses a name that resolves to a private address, including localhost", async () => {
    expect(await refusal("https://push.example.org/x", resolveTo("10.1.2.3"))).toBe("private_address");
    expect(await refusal("https://localhost/", resolveTo("127.0.0.1", "::1"))).toBe("private_address");
    expect(await refusal("https://metadata.example.org/", resolveTo("169.254.169.254"))).toBe("private_address");
  });

  it("refuses a name when any one of its addresses is private", async () => {
    expect(await refusal("https://split.example.org/", resolveTo("93.184.216.34", "127.0.0.1"))).toBe(
      "private_address",
    );
  });

  it("refuses a name that does not resolve", async () => {
    expect(await refusal("https://nowhere.example.org/", async () => [])).toBe("unresolvable");
    expect(
      await refusal("https://nowhere.example.org/", async () => {
        throw new Error("ENOTFOUND");
      }),
    ).toBe("unresolvable");
  });

  it("refuses other schemes, credentials, hosts and ports outside the policy", async () => {
    expect(await refusal("http://example.org/")).toBe("protocol");
    expect(await refusal("file:///etc/passwd")).toBe("protocol");
    expect(await refusal("https://user:secret@example.org/")).toBe("credentials");
    expect(await refusal("not a url")).toBe("invalid_url");
    expect(await refusal("https://evil.example.org/", publicName, { hosts: ["*.push.apple.com"] })).toBe("host");
    expect(await refusal("https://push.apple.com.evil.example/", publicName, { hosts: ["*.push.apple.com"] })).toBe(
      "host",
    );
    expect(
      await refusal("https://web.push.apple.com:8443/", publicName, { hosts: ["*.push.apple.com"], ports: [443] }),
    ).toBe("port");
  });

  it("accepts a public address and a name that resolves only to public ones", async () => {
    expect(await refusal("https://93.184.216.34/")).toBeNull();
    expect(await refusal("https://[2001:4860:4860::8888]/")).toBeNull();
    expect(
      await refusal("https://web.push.apple.com/abc", resolveTo("17.253.1.1", "2620:149:a44::1"), {
        hosts: ["*.push.apple.com"],
        ports: [443],
      }),
    ).toBeNull();
  });

  it("classifies addresses with ipaddr.js: only public unicast passes", () => {
    expect(isPublicAddress("8.8.8.8")).toBe(true);
    for (const address of [
      "127.0.0.1",
      "::1",
      "::ffff:10.0.0.1",
      "169.254.169.254",
      "fd00:ec2::254",
      "100.64.1.1",
      "0.0.0.0",
      "not an ip",
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });
});

describe("guardedFetch", () => {
  const hits: { server: string; url: string; host: string | undefined }[] = [];
  const listen = (
    name: string,
    handler: (request: IncomingMessage, origin: string) => [number, Record<string, string>],
  ) => {
    const server = createServer((request, response) => {
      hits.push({ server: name, url: request.url ?? "", host: request.headers.host });
      const [status, headers] = handler(request, origin(server));
      response.writeHead(status, headers).end("upstream body");
    });
    return server;
  };
  const origin = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const internal = listen("internal", () => [200, {}]);
  const redirector = listen("redirector", () => [302, { location: `${origin(internal)}/secret` }]);

  beforeAll(async () => {
    await Promise.all(
      [internal, redirector].map((server) => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))),
    );
  });
  afterAll(() => {
    internal.close();
    redirector.close();
  });

  it("never connects to a private address", async () => {
    await expect(guardedFetch(`${origin(internal)}/x`, {}, { protocols: ["http:"] })).rejects.toMatchObject({
      reason: "private_address",
    });
    expect(hits.filter((h) => h.server === "internal")).toHaveLength(0);
  });

  it("does not follow a redirect to 127.0.0.1: the 302 comes back as it is", async () => {
    const response = await guardedFetch(
      `${origin(redirector)}/start`,
      {},
      { protocols: ["http:"], trustedOrigins: [origin(redirector)] },
    );
    expect(response.status).toBe(302);
    expect(hits.map((h) => h.server)).not.toContain("internal");
  });

  it("connects to the address it checked, resolving the name once (no DNS rebinding between check and connect)", async () => {
    const port = (internal.address() as AddressInfo).port;
    let calls = 0;
    const rebinding: Resolver = async () =>
      ++calls === 1 ? [{ address: "127.0.0.1", family: 4 }] : [{ address: "10.9.9.9", family: 4 }];
    // Trusted here only so the test can reach its own server: the point is which address the socket uses.
    const response = await guardedFetch(
      `http://pinned.test:${port}/pinned`,
      {},
      { protocols: ["http:"], trustedOrigins: [`http://pinned.test:${port}`] },
      { resolve: rebinding },
    );
    expect(response.status).toBe(200);
    expect(calls).toBe(1);
    expect(hits.at(-1)).toMatchObject({ server: "internal", url: "/pinned", host: `pinned.test:${port}` });
  });

  it("refuses a name that rebinds to a private address between two requests", async () => {
    let calls = 0;
    const rebinding: Resolver = async () =>
      ++calls === 1 ? [{ address: "93.184.216.34", family: 4 }] : [{ address: "127.0.0.1", family: 4 }];
    const policy = { protocols: ["http:" as const] };
    // First request: checked public, pinned to that address (unreachable offline, so it fails fast).
    await guardedFetch("http://rebind.example.org/", { timeoutMs: 1000 }, policy, { resolve: rebinding }).catch(
      () => undefined,
    );
    await expect(guardedFetch("http://rebind.example.org/", {}, policy, { resolve: rebinding })).rejects.toMatchObject({
      reason: "private_address",
    });
    expect(hits.filter((h) => h.url === "/" && h.host?.startsWith("rebind"))).toHaveLength(0);
  });
});
