/**
 * What the benchmarks that drive the built app over HTTP share: the app's environment, signing in
 * as a seeded member (the session cookie), and Twilio's request signature on a webhook delivery.
 */
import os from "node:os";
import path from "node:path";
import twilio from "twilio";

/** The environment a benchmark's `next start` runs with: its secrets and database, no demo, jobs inline. */
export const benchAppEnv = (secrets: Record<string, string>, databaseUrl: string, name: string) => ({
  ...secrets,
  DATABASE_URL: databaseUrl,
  KILN_DEMO_SEED: "false",
  LOG_LEVEL: "warn",
  KILN_WORKER: "inline",
  KILN_DATA_DIR: path.join(os.tmpdir(), `kiln-bench-${name}-data`),
});

/** Signs in through the app's own route; resolves to the Cookie header that carries the session. */
export async function signIn(appUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${appUrl}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: appUrl },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`Sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  if (!cookies.some((c) => c.startsWith("kiln_session="))) throw new Error(`Sign-in as ${email} set no session.`);
  return cookies.join("; ");
}

/** X-Twilio-Signature over the app URL + path and the form parameters, from the twilio SDK. */
export const twilioSignature = (
  authToken: string,
  appUrl: string,
  pathname: string,
  params: Record<string, string>,
): string => twilio.getExpectedTwilioSignature(authToken, `${appUrl}${pathname}`, params);
