import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Twilio and the WhatsApp Cloud API as a local server: the edge of the world the tests
 * cannot reach. The app talks to it through the official Twilio SDK and plain fetch, over
 * real HTTP. It answers account lookups (which numbers the accounts hold) itself; every
 * other request gets what `reply` says.
 */
export type Recorded = { method: string; url: string; headers: IncomingMessage["headers"]; body: string };

export const ACCOUNT_SID = `AC${"a1".repeat(16)}`;

export async function startFakeProviders() {
  const recorded: Recorded[] = [];
  /** E.164 numbers the Twilio account holds. */
  const twilioNumbers = new Set<string>();
  /** Cloud API phone number id → display number, for the numbers the token can read. */
  const cloudNumbers = new Map<string, string>();
  const fake = {
    recorded,
    twilioNumbers,
    cloudNumbers,
    base: "",
    reply: (() => ({ status: 500, body: {} })) as (request: Recorded) => { status: number; body: unknown },
    /** Files served by path (provider media): their bytes and type, to a caller with exactly this Authorization. */
    files: new Map<string, { type: string; bytes: Buffer; authorization: string }>(),
    close: () => server.close(),
  };

  function accountAnswer(request: Recorded): { status: number; body: unknown } | null {
    if (request.method !== "GET") return null;
    const url = new URL(request.url, "http://fake");
    if (url.pathname === `/2010-04-01/Accounts/${ACCOUNT_SID}/IncomingPhoneNumbers.json`) {
      const wanted = url.searchParams.get("PhoneNumber");
      const numbers = [...twilioNumbers].filter((n) => n === wanted);
      return {
        status: 200,
        body: {
          incoming_phone_numbers: numbers.map((n) => ({
            sid: `PN${randomBytes(16).toString("hex")}`,
            account_sid: ACCOUNT_SID,
            phone_number: n,
            friendly_name: n,
          })),
          uri: url.pathname,
          first_page_uri: url.pathname,
          next_page_uri: null,
          previous_page_uri: null,
          page: 0,
          page_size: 20,
          start: 0,
          end: numbers.length,
        },
      };
    }
    const cloud = /^\/v21\.0\/(\d+)$/.exec(url.pathname);
    if (cloud) {
      const display = cloudNumbers.get(cloud[1]!);
      if (!display || request.headers.authorization !== "Bearer live-whatsapp-access-token") {
        return {
          status: 400,
          body: { error: { message: "Unsupported get request.", type: "GraphMethodException", code: 100 } },
        };
      }
      return { status: 200, body: { id: cloud[1], display_phone_number: display } };
    }
    return null;
  }

  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const request = { method: req.method!, url: req.url!, headers: req.headers, body };
      recorded.push(request);
      const file = fake.files.get(new URL(request.url, "http://fake").pathname);
      if (file) {
        const allowed = request.headers.authorization === file.authorization;
        res.writeHead(allowed ? 200 : 401, { "content-type": allowed ? file.type : "application/json" });
        res.end(allowed ? file.bytes : "{}");
        return;
      }
      const answer = accountAnswer(request) ?? fake.reply(request);
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** Live mode against the fake providers; set before anything reads the environment (it is parsed once per process). */
export function liveModeAgainst(base: string, platformAdmin: string) {
  process.env.TWILIO_ACCOUNT_SID = ACCOUNT_SID;
  process.env.TWILIO_AUTH_TOKEN = "live-twilio-auth-token";
  process.env.TWILIO_API_BASE_URL = base;
  process.env.WHATSAPP_ACCESS_TOKEN = "live-whatsapp-access-token";
  process.env.WHATSAPP_APP_SECRET = "live-whatsapp-app-secret";
  process.env.WHATSAPP_GRAPH_URL = `${base}/v21.0`;
  process.env.KILN_PLATFORM_ADMINS = `someone-else@kiln.test, ${platformAdmin}`;
}
