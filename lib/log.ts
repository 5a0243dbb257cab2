import "server-only";
import pino, { type DestinationStream } from "pino";

/**
 * Structured JSON logs. Redaction is a safety net, not the policy: code must not
 * pass secrets, tokens, links or message bodies to the logger in the first place.
 *
 * The net catches values by key name at any depth (pino's own `redact` paths need each
 * depth spelled out, and a link two levels down slipped through): passwords, tokens,
 * secrets, credentials, bodies, and every URL or link, since ours carry working tokens
 * (invitations, password resets, push endpoints).
 */
const SECRET_KEY =
  /^(?:password|passcode|token|secret|authorization|cookie|set-cookie|body|link|href|url|uri|endpoint|signature|api[-_]?key|private[-_]?key|code[-_]?verifier)$|(?:password|token|secret|url|uri|link)$/i;
const CENSOR = "[redacted]";
/** Deeper than any object we log; past it a value is dropped rather than walked. */
const MAX_DEPTH = 8;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Object literals, and objects made from one with Object.create (pino's serialized errors); not class instances. */
const isPlainObject = (value: object): value is Record<string, unknown> => {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || (prototype as { constructor?: unknown }).constructor === Object;
};

/**
 * A copy of `value` with every secret-named key censored. Only plain objects and arrays are
 * walked; anything else (an Error, a Date) is left for pino's serializers, whose output comes
 * back through here (see `err` below).
 */
export function redactSecrets(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== "object") return value;
  if (!Array.isArray(value) && !isPlainObject(value)) return value;
  if (depth >= MAX_DEPTH) return "[too deep]";
  if (seen.has(value)) return "[circular]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isSecretKey(key) && item !== undefined ? CENSOR : redactSecrets(item, depth + 1, seen);
  }
  return copy;
}

const redactRecord = (object: Record<string, unknown>) => redactSecrets(object) as Record<string, unknown>;

/** A logger writing to `destination` (stdout by default); exported so tests can read what it writes. */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): pino.Logger {
  const root = pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
      base: { service: "kiln" },
      formatters: { log: redactRecord, bindings: redactRecord },
      // Errors are serialized after the log formatter ran: their extra fields (a failed request's url or headers) go through it too.
      serializers: { err: (error: unknown) => redactSecrets(pino.stdSerializers.err(error as Error)) },
    },
    options.destination,
  );
  // pino formats only the root's bindings; children (and theirs, which inherit this method) go through the same net.
  const child = root.child;
  root.child = function (this: pino.Logger, bindings: pino.Bindings, childOptions?: pino.ChildLoggerOptions) {
    return Reflect.apply(child, this, [redactRecord(bindings), childOptions]) as pino.Logger;
  } as unknown as typeof root.child;
  return root;
}

export const logger = createLogger();

export type Logger = pino.Logger;

export const requestLogger = (requestId: string) => logger.child({ requestId });
