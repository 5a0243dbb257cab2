/**
 * Errors that become application/problem+json responses (RFC 9457).
 * `errors` maps a field path ("email", "members.0.role") to its messages.
 */
export type FieldErrors = Record<string, string[]>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: { errors?: FieldErrors; headers?: Record<string, string>; code?: string } = {},
  ) {
    super(detail ?? title);
    this.name = "HttpError";
  }
}

export const badRequest = (detail: string) => new HttpError(400, "Bad request", detail);
export const unauthorized = (detail = "Sign in to continue.") => new HttpError(401, "Unauthorized", detail);
export const forbidden = (detail = "You do not have permission to do this.") => new HttpError(403, "Forbidden", detail);
export const notFound = (detail = "Not found.") => new HttpError(404, "Not found", detail);
export const conflict = (detail: string, errors?: FieldErrors) => new HttpError(409, "Conflict", detail, { errors });
export const gone = (detail: string) => new HttpError(410, "Gone", detail);
export const invalid = (errors: FieldErrors, detail = "Some fields are not valid.") =>
  new HttpError(422, "Unprocessable content", detail, { errors });
export const tooManyRequests = (retryAfterSeconds: number, detail: string) =>
  new HttpError(429, "Too many requests", detail, {
    headers: { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  });

type PgError = { code?: string; hint?: string; message?: string; constraint?: string };

const HINT_STATUS: Record<string, number> = {
  not_found: 404,
  conflict: 409,
  gone: 410,
  forbidden: 403,
  last_owner: 409,
  invalid_owner: 422,
  invalid_assignee: 422,
  invalid_agent: 422,
};
/** Hints that are about one field, so a form can show the message next to it. */
const HINT_FIELD: Record<string, string> = {
  invalid_owner: "ownerId",
  invalid_assignee: "assigneeId",
  invalid_agent: "agentId",
};

/**
 * Database errors a client can cause, mapped to 4xx. Anything else stays a 500.
 * Functions in the database raise P0001 with a HINT naming the outcome.
 */
export function fromDatabaseError(error: unknown): HttpError | null {
  const e = error as PgError;
  if (!e || typeof e.code !== "string") return null;
  switch (e.code) {
    case "P0001": {
      const status = HINT_STATUS[e.hint ?? ""];
      if (!status) return null;
      const field = HINT_FIELD[e.hint ?? ""];
      return new HttpError(status, titleFor(status), e.message, field ? { errors: { [field]: [e.message!] } } : {});
    }
    case "42501": // insufficient_privilege, including "new row violates row-level security policy"
      return forbidden();
    case "23505":
      return conflict("That already exists.");
    case "23503":
      return notFound("A referenced record does not exist.");
    case "23514":
    case "22001":
      return new HttpError(422, "Unprocessable content", "A value is out of range or too long.");
    case "22P02":
      return badRequest("A value has the wrong format.");
    // A value Postgres cannot hold: NUL or an unconvertible character (22021, 22P05),
    // a date outside its range or calendar (22008, 22007), a number too large (22003).
    case "22021":
    case "22P05":
      return new HttpError(422, "Unprocessable content", "A text contains a character that cannot be stored.");
    case "22008":
    case "22007":
      return new HttpError(422, "Unprocessable content", "A date is not valid or out of range.");
    case "22003":
      return new HttpError(422, "Unprocessable content", "A number is out of range.");
    case "54001": // stack depth: a value nested beyond what the server evaluates
      return badRequest("A value is nested too deeply.");
    // Two writers met (e.g. a person and a webhook on the same lead); Postgres undid one of them.
    case "40P01":
    case "40001":
      return conflict("Someone else changed this at the same moment. Try again.");
    default:
      return null;
  }
}

function titleFor(status: number): string {
  return (
    { 403: "Forbidden", 404: "Not found", 409: "Conflict", 410: "Gone", 422: "Unprocessable content" }[status] ??
    "Error"
  );
}
