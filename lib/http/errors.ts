/**
 * Errors that become application/problem+json responses (RFC 9457).
 * `errors` maps a field path ("email", "members.0.role") to its messages.
 *
 * A `detail` is a key of the `problems` catalogue namespace (with ICU values when it has
 * any), rendered in the caller's language when the response is written (`problemResponse`);
 * `error.detail` is its English text, for logs and for code that reads it. A detail that is
 * not a key (a database function's own message) is shown as written.
 */
import type { z } from "zod";
import { translatorFor } from "@/lib/i18n/translator";
import type { KeyedTranslate } from "./validation";

export type FieldErrors = Record<string, string[]>;
export type DetailValues = Record<string, string | number>;
/** A problem's detail: a `problems` key, or a key with its ICU values. */
export type Detail = string | { key: string; values: DetailValues };

type Extra = {
  errors?: FieldErrors;
  /** Zod issues, rendered per field in the caller's language (messages are `validation` keys). */
  issues?: readonly z.core.$ZodIssue[];
  headers?: Record<string, string>;
  code?: string;
};

/** A `problems` key rendered with `t`; text that is no key stays as written. */
export function renderDetail(key: string, values: DetailValues | undefined, t: KeyedTranslate): string {
  return t.has(key) ? t(key, values) : key;
}

const englishProblems = () => translatorFor("en", "problems") as KeyedTranslate;

export class HttpError extends Error {
  /** The detail in English. */
  readonly detail?: string;
  /** What the detail is rendered from in another language. */
  readonly detailKey?: string;
  readonly detailValues?: DetailValues;

  constructor(
    readonly status: number,
    readonly title: string,
    detail?: Detail,
    readonly extra: Extra = {},
  ) {
    const key = typeof detail === "object" ? detail.key : detail;
    const values = typeof detail === "object" ? detail.values : undefined;
    const english = key === undefined ? undefined : renderDetail(key, values, englishProblems());
    super(english ?? title);
    this.name = "HttpError";
    this.detail = english;
    this.detailKey = key;
    this.detailValues = values;
  }
}

export const badRequest = (detail: Detail) => new HttpError(400, "Bad request", detail);
export const unauthorized = (detail: Detail = "signIn") => new HttpError(401, "Unauthorized", detail);
export const forbidden = (detail: Detail = "forbidden") => new HttpError(403, "Forbidden", detail);
export const notFound = (detail: Detail = "notFound") => new HttpError(404, "Not found", detail);
export const conflict = (detail: Detail, errors?: FieldErrors) => new HttpError(409, "Conflict", detail, { errors });
export const gone = (detail: Detail) => new HttpError(410, "Gone", detail);
/** 422 with field errors: messages per field, or a ZodError whose issues are rendered for the caller. */
export const invalid = (errors: FieldErrors | z.ZodError, detail: Detail = "fieldsInvalid") =>
  new HttpError(
    422,
    "Unprocessable content",
    detail,
    Array.isArray((errors as z.ZodError).issues)
      ? { issues: (errors as z.ZodError).issues }
      : { errors: errors as FieldErrors },
  );
export const tooManyRequests = (retryAfterSeconds: number, detail: Detail) =>
  new HttpError(429, "Too many requests", detail, {
    headers: { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  });

type PgError = { code?: string; hint?: string; message?: string; detail?: string; constraint?: string };

const HINT_STATUS: Record<string, number> = {
  not_found: 404,
  conflict: 409,
  gone: 410,
  forbidden: 403,
  last_owner: 409,
  invalid_owner: 422,
  invalid_assignee: 422,
  invalid_agent: 422,
  plan_limit: 409,
  payment_required: 402,
};
/** Hints whose problem has its own title and a machine-readable `code` (the UI offers an upgrade on plan_limit). */
const HINT_PROBLEM: Record<string, { title: string; code: string }> = {
  plan_limit: { title: "Plan limit reached", code: "plan_limit" },
  // The organization is read-only until paid (lib/billing): the UI links to Settings → Billing.
  payment_required: { title: "Payment required", code: "billing_read_only" },
};
/** Hints that are about one field, so a form can show the message next to it. */
const HINT_FIELD: Record<string, string> = {
  invalid_owner: "ownerId",
  invalid_assignee: "assigneeId",
  invalid_agent: "agentId",
};

/**
 * The messages database functions raise (P0001, in supabase/migrations), as `problems` keys:
 * the database speaks English once, the caller reads their own language. A message not listed
 * is shown as the database wrote it.
 */
const DATABASE_MESSAGES: Record<string, string> = {
  "Only an approval records the text sent.": "dbApprovalRecordsText",
  "Only an approved draft that has not been sent can be sent.": "dbOnlyApprovedDraftSends",
  "The message is empty.": "dbMessageEmpty",
  "This invitation has already been used.": "dbInvitationUsed",
  "This meeting is already marked as held.": "dbMeetingAlreadyHeld",
  "This meeting is marked as a no-show in Calendly. Clear the no-show there first.": "dbMeetingNoShowInCalendly",
  "This meeting was canceled, so it cannot have been held.": "dbMeetingCanceled",
  "This meeting was moved to another time; mark the new one as held.": "dbMeetingMoved",
  "This task already sent its message.": "dbTaskAlreadySent",
  "This task has not expired.": "dbTaskNotExpired",
  "Only managers, admins and owners can approve or reject drafts here.": "dbApproveNeedsManager",
  "Only owners and admins can let an agent send without approval.": "dbAutoSendNeedsAdmin",
  "This invitation has expired. Ask for a new one.": "dbInvitationExpired",
  "This invitation was withdrawn.": "dbInvitationWithdrawn",
  "Choose an active agent of your organization.": "dbAgentInvalid",
  "The assignee must be a member of the organization.": "dbAssigneeInvalid",
  "The owner must be a member of the organization.": "dbOwnerInvalid",
  "an organization must keep at least one owner": "dbLastOwner",
  "Message not found.": "dbMessageNotFound",
  "This invitation link is not valid.": "dbInvitationLinkInvalid",
  "This meeting has not started yet.": "dbMeetingNotStarted",
  "Only the meeting's owner or a manager can mark it as held.": "dbMarkHeldNeedsOwner",
  // Meetings entered by hand (migration 20261204100300_manual_meetings.sql).
  "Only the meeting's owner or a manager can change it.": "dbMeetingChangeNeedsOwner",
  "Calendly owns this meeting. Change it in Calendly.": "dbMeetingOwnedByCalendly",
  "This meeting was moved to another time; change the new one.": "dbMeetingMovedChangeNew",
  "Only a scheduled meeting can be changed.": "dbMeetingNotScheduled",
  "Only a scheduled meeting can be rescheduled.": "dbMeetingNotScheduled",
  "Only a scheduled meeting can be canceled.": "dbMeetingNotScheduled",
  "Only a scheduled meeting can be marked as a no-show.": "dbMeetingNotScheduled",
  "This meeting is already marked that way.": "dbMeetingNoShowUnchanged",
  "Only a held meeting has an outcome.": "dbMeetingNotHeld",
  "Lead not found.": "leadNotFound",
  "Meeting not found.": "meetingNotFound",
  "Task not found.": "taskNotFound",
};

/**
 * Messages database functions raise with a value in them (`raise exception 'This task was
 * already %.'`), as `problems` keys with that value as their one parameter.
 */
const DATABASE_PATTERNS: { pattern: RegExp; key: string; param: string }[] = [
  { pattern: /^This task was already (\w+)\.$/, key: "dbTaskAlreadyDecided", param: "status" },
  {
    pattern: /^This invitation is for (.+)\. Sign in with that address to accept it\.$/,
    key: "dbInvitationForOtherEmail",
    param: "email",
  },
];

/**
 * Codes database functions raise as their message, with their parameters as a JSON object in
 * DETAIL (e.g. `agent_plan_limit` with `{ plan, limit, nextPlan, nextLimit }`), as `problems` keys
 * rendered with those parameters.
 */
const DATABASE_CODES: Record<string, string> = {
  agent_plan_limit: "dbAgentPlanLimit",
  // Billing (supabase/migrations/20261206100000_billing_subscriptions.sql).
  number_plan_limit: "dbNumberPlanLimit",
  seat_plan_limit: "dbSeatPlanLimit",
  number_paused: "dbNumberPaused",
  agent_paused: "dbAgentPaused",
  billing_read_only: "dbBillingReadOnly",
};

/** A raised code's parameters: the string and number members of its DETAIL's JSON object. */
function databaseParams(detail: string | undefined): DetailValues {
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail ?? "{}");
  } catch {
    return {};
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
  return Object.fromEntries(
    Object.entries(parsed).filter(([, v]) => typeof v === "string" || typeof v === "number"),
  ) as DetailValues;
}

/** A P0001 message as a problem detail: a raised code with its parameters, a known sentence's key, or as written. */
function databaseDetail(e: PgError): Detail | undefined {
  const message = e.message ?? "";
  const code = DATABASE_CODES[message];
  if (code) return { key: code, values: databaseParams(e.detail) };
  if (DATABASE_MESSAGES[message]) return DATABASE_MESSAGES[message];
  for (const { pattern, key, param } of DATABASE_PATTERNS) {
    const value = pattern.exec(message)?.[1];
    if (value !== undefined) return { key, values: { [param]: value } };
  }
  return e.message;
}

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
      const problem = HINT_PROBLEM[e.hint ?? ""];
      const detail = databaseDetail(e);
      if (problem) return new HttpError(status, problem.title, detail, { code: problem.code });
      return new HttpError(
        status,
        titleFor(status),
        detail,
        field && typeof detail === "string" ? { errors: { [field]: [detail] } } : {},
      );
    }
    case "42501": // insufficient_privilege, including "new row violates row-level security policy"
      return forbidden();
    case "23505":
      return conflict("alreadyExists");
    case "23503":
      return notFound("referenceMissing");
    case "23514":
    case "22001":
      return new HttpError(422, "Unprocessable content", "valueOutOfRange");
    case "22P02":
      return badRequest("valueWrongFormat");
    // A value Postgres cannot hold: NUL or an unconvertible character (22021, 22P05),
    // a date outside its range or calendar (22008, 22007), a number too large (22003).
    case "22021":
    case "22P05":
      return new HttpError(422, "Unprocessable content", "textUnstorable");
    case "22008":
    case "22007":
      return new HttpError(422, "Unprocessable content", "dateOutOfRange");
    case "22003":
      return new HttpError(422, "Unprocessable content", "numberOutOfRange");
    case "54001": // stack depth: a value nested beyond what the server evaluates
      return badRequest("valueNestedTooDeeply");
    // Two writers met (e.g. a person and a webhook on the same lead); Postgres undid one of them.
    case "40P01":
    case "40001":
      return conflict("concurrentChange");
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
