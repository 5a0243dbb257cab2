/**
 * The cookie naming this browser ("device") for the session state: random, httpOnly, long-lived,
 * set by proxy.ts on the first request that lacks it. Dependency-free so the proxy can import it.
 */
export const DEVICE_COOKIE = "kiln-device";
/** Ten years: the device id outlives any session; the state it keys expires on its own. */
export const DEVICE_COOKIE_MAX_AGE = 60 * 60 * 24 * 3650;
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export const isDeviceId = (value: string | null | undefined): value is string =>
  !!value && DEVICE_ID_PATTERN.test(value);

/** A new device id: 128 random bits (Web Crypto, available in the proxy and in Node). */
export const newDeviceId = () => crypto.randomUUID().replaceAll("-", "");

/** The device id in a Cookie header (the last valid one, should a stale value precede it). */
export function deviceIdFromCookies(header: string | null): string | null {
  let found: string | null = null;
  for (const part of (header ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === DEVICE_COOKIE && isDeviceId(value.join("="))) found = value.join("=");
  }
  return found;
}
