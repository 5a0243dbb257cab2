import "server-only";
import { randomUUID } from "node:crypto";
import { requestLogger, type Logger } from "@/lib/log";
import { readBodyBytes } from "./body";
import { fromDatabaseError, HttpError } from "./errors";
import { problemResponse } from "./problem";

export type WebhookContext = { request: Request; rawBody: Buffer; log: Logger; requestId: string };

/**
 * The wrapper for provider webhooks. Unlike route(), there is no session and no
 * same-origin check: the provider's signature over the raw body is the authentication,
 * and the handler checks it first. Reads at most 1 MB (413 beyond; `maxBytes` for a provider
 * that sends more, such as raw email), maps errors to
 * problem+json, and never answers 500 for a body the provider could fix.
 */
export function webhook(handler: (ctx: WebhookContext) => Promise<Response>, options: { maxBytes?: number } = {}) {
  return async (request: Request): Promise<Response> => {
    const requestId = request.headers.get("x-request-id") ?? randomUUID();
    const log = requestLogger(requestId);
    try {
      const rawBody = Buffer.from(await readBodyBytes(request, options.maxBytes));
      const response = await handler({ request, rawBody, log, requestId });
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      const httpError = error instanceof HttpError ? error : fromDatabaseError(error);
      if (httpError && httpError.status < 500) return problemResponse(httpError, requestId);
      log.error({ err: error, path: new URL(request.url).pathname }, "webhook failed");
      return problemResponse(new HttpError(500, "Internal server error", "eventNotStored"), requestId);
    }
  };
}

/** Logs a refused signature for the security trail; stores nothing. */
export function signatureRejected(
  log: Logger,
  request: Request,
  provider: string,
  reason: "missing" | "invalid",
): HttpError {
  log.warn(
    {
      security: true,
      provider,
      reason,
      path: new URL(request.url).pathname,
      ip: request.headers.get("x-forwarded-for") ?? undefined,
      userAgent: request.headers.get("user-agent") ?? undefined,
    },
    "webhook signature rejected",
  );
  return reason === "missing"
    ? new HttpError(401, "Unauthorized", "signatureMissing")
    : new HttpError(403, "Forbidden", "signatureMismatch");
}

/** The few headers worth keeping with a stored event. */
export function headersOfInterest(request: Request, names: string[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ["user-agent", "x-request-id", ...names]) {
    const value = request.headers.get(name);
    if (value) kept[name] = value.slice(0, 300);
  }
  return kept;
}

/** application/x-www-form-urlencoded only (Twilio's format); 415 otherwise. */
export function formParams(request: Request, rawBody: Buffer): Record<string, string> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
    throw new HttpError(415, "Unsupported media type", "sendForm");
  }
  return Object.fromEntries(new URLSearchParams(rawBody.toString("utf8")));
}
