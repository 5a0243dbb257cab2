import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

/** The web push settings are validated with the rest of the environment (lib/env.ts), not read raw by lib/notifications/vapid.ts. */
describe("VAPID settings in the environment", () => {
  it("are optional, and read when set", () => {
    const unset = parseEnv({});
    expect([unset.VAPID_PUBLIC_KEY, unset.VAPID_PRIVATE_KEY, unset.VAPID_SUBJECT, unset.KILN_DEV_OUTBOX]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const env = parseEnv({
      VAPID_PUBLIC_KEY: " BPub ",
      VAPID_PRIVATE_KEY: "priv",
      VAPID_SUBJECT: "mailto:ops@example.com",
      KILN_DEV_OUTBOX: "true",
    });
    expect(env).toMatchObject({
      VAPID_PUBLIC_KEY: "BPub",
      VAPID_PRIVATE_KEY: "priv",
      VAPID_SUBJECT: "mailto:ops@example.com",
      KILN_DEV_OUTBOX: "true",
    });
    expect(parseEnv({ VAPID_SUBJECT: "https://kiln.example.com/contact" }).VAPID_SUBJECT).toBe(
      "https://kiln.example.com/contact",
    );
  });

  it("refuse half a key pair, naming the missing half", () => {
    expect(() => parseEnv({ VAPID_PUBLIC_KEY: "BPub" })).toThrow(
      /VAPID_PRIVATE_KEY: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together/,
    );
    expect(() => parseEnv({ VAPID_PRIVATE_KEY: "priv" })).toThrow(
      /VAPID_PUBLIC_KEY: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together/,
    );
  });

  it("refuse a subject push services cannot use, and an outbox switch that is not true or false", () => {
    expect(() => parseEnv({ VAPID_SUBJECT: "ops@example.com" })).toThrow(
      /VAPID_SUBJECT: must be a mailto: address or an https:\/\/ URL/,
    );
    expect(() => parseEnv({ VAPID_SUBJECT: "http://kiln.example.com" })).toThrow(/VAPID_SUBJECT/);
    expect(() => parseEnv({ KILN_DEV_OUTBOX: "yes" })).toThrow(/KILN_DEV_OUTBOX/);
  });
});
