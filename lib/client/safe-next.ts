/**
 * The one gate for post-sign-in destinations (`?next=`), used on the server (redirect of a
 * signed-in visitor, the sign-in redirect of protected pages) and in the browser (navigation
 * after the form). Only a path on this app passes; anything else gives `fallback`.
 *
 * Checking the string's prefix is not enough: browsers drop tab, CR and LF from URLs and
 * read `\` as `/`, so `/\t/evil.example` passes a prefix check and lands on
 * `//evil.example`. So the value is refused outright when it holds any control character or
 * backslash, then resolved with the URL parser and kept only if it stays on our origin, and
 * what is returned is the parser's own serialization (which re-parses to the same place).
 */
const FALLBACK = "/dashboard";
/** A stand-in for our origin: only "did it leave the origin" matters, on the server and in the browser alike. */
const BASE = "https://app.kiln.invalid";
const MAX_LENGTH = 2048;
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\\]/;

export function safeNext(next: unknown, fallback = FALLBACK): string {
  // A repeated parameter arrives as an array: there is no single destination to trust.
  if (typeof next !== "string" || next.length === 0 || next.length > MAX_LENGTH) return fallback;
  if (UNSAFE.test(next) || !next.startsWith("/") || next.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse into a scheme-relative path ("/.//evil" → "//evil").
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}
