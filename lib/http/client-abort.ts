/**
 * A client that went away before its answer (a page closed or navigated mid-request, a fetch
 * aborted): the request's signal says so, or reading it failed with the socket's reset. Nothing
 * failed on our side and nobody waits for the answer, so route() logs it at debug, not as an
 * error. The error's `cause` chain is searched too, as undici wraps the socket's error.
 */
const ABORT_CODES = new Set(["ECONNRESET", "ABORT_ERR", "UND_ERR_ABORTED"]);

export function isClientAbort(request: Request, error: unknown): boolean {
  if (request.signal.aborted) return true;
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Error && !seen.has(current); current = current.cause) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (current.name === "AbortError" || (typeof code === "string" && ABORT_CODES.has(code))) return true;
    if (current.message === "aborted") return true;
  }
  return false;
}

/** The status nginx logs for a client that closed the request; no one reads this response. */
export const CLIENT_CLOSED_REQUEST = 499;
