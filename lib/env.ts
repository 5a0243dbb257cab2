import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { isKey, KEY_FORMAT_HINT } from "@/lib/crypto/key";

/**
 * Every environment variable Kiln reads, validated once. A bad value stops the
 * process at start-up with a message naming the variable, instead of failing
 * later in some request.
 */
const optionalString = z.string().trim().min(1).optional();
const optionalUrl = z.url().optional();
const stripePrice = z
  .string()
  .trim()
  .regex(/^price_\w+$/, "must be a Stripe price id (price_…)")
  .optional();

/** A PUSH_SERVICE_HOSTS entry: a host pattern, or an exact http(s) origin (empty entries from a trailing comma are fine). */
function isPushServiceEntry(entry: string): boolean {
  if (!entry) return true;
  if (/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(entry)) return true;
  try {
    const url = new URL(entry);
    return (url.protocol === "https:" || url.protocol === "http:") && url.origin === entry.replace(/\/$/, "");
  } catch {
    return false;
  }
}

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    APP_URL: z.url().default("http://localhost:3000"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    KILN_DATA_DIR: z.string().default(".data"),

    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// connection string")
      .optional(),
    DATABASE_URL_DIRECT: z
      .string()
      .regex(/^postgres(ql)?:\/\//)
      .optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    PGLITE_DIR: z.string().default(".data/pglite"),
    /** Test-only: the migrated data directory archive a `memory://` PGLITE_DIR starts from (vitest.config.mts sets it). */
    PGLITE_TEMPLATE: z.string().optional(),
    /** Seed demo data into an empty database on start: "true" opts in; unset seeds only an embedded database in development. */
    KILN_DEMO_SEED: z.enum(["true", "false"]).optional(),
    /**
     * Test-only: the one password every demo account gets (the browser tests' server sets it).
     * Unset, development uses the published demo password and production generates one per account.
     */
    KILN_DEMO_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),

    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 48`)").optional(),
    ENCRYPTION_KEY: z.string().refine(isKey, KEY_FORMAT_HINT).optional(),

    NEXT_PUBLIC_SUPABASE_URL: optionalUrl,
    NEXT_PUBLIC_SUPABASE_ANON_KEY: optionalString,
    SUPABASE_SERVICE_ROLE_KEY: optionalString,

    TWILIO_ACCOUNT_SID: z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, "must look like AC followed by 32 hex characters")
      .optional(),
    TWILIO_AUTH_TOKEN: optionalString,
    WHATSAPP_APP_SECRET: optionalString,
    WHATSAPP_VERIFY_TOKEN: optionalString,
    WHATSAPP_ACCESS_TOKEN: optionalString,
    /** Where the official SDKs send API calls; only changed to point at a local stand-in in tests and benchmarks. */
    TWILIO_API_BASE_URL: optionalUrl,
    WHATSAPP_GRAPH_URL: z.url().default("https://graph.facebook.com/v21.0"),
    /** The WhatsApp Business Account whose message templates Kiln syncs and submits (lib/outreach/sync.ts). */
    WHATSAPP_BUSINESS_ACCOUNT_ID: z
      .string()
      .trim()
      .regex(/^\d{5,32}$/, "must be the numeric WABA id")
      .optional(),
    /** The most template messages a bulk send may queue per minute (lib/outreach/bulk.ts); a run asks for at most this. */
    OUTREACH_MAX_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(600).default(60),
    /** "inline": this process also runs the job workers (development, single instance); "off": only `npm run worker` does. */
    KILN_WORKER: z.enum(["inline", "off"]).default("inline"),
    CALENDLY_CLIENT_ID: optionalString,
    CALENDLY_CLIENT_SECRET: optionalString,
    CALENDLY_WEBHOOK_SIGNING_KEY: optionalString,
    /** Where Calendly's REST API and OAuth server live; only changed to point at a local stand-in in tests. */
    CALENDLY_API_BASE_URL: z.url().default("https://api.calendly.com"),
    CALENDLY_AUTH_BASE_URL: z.url().default("https://auth.calendly.com"),
    /** The organization that deliveries to a hand-made subscription (CALENDLY_WEBHOOK_SIGNING_KEY) belong to. */
    CALENDLY_DEFAULT_ORG_ID: z.uuid().optional(),
    /** The Google OAuth app (a "Web application" client) each user connects Gmail and Calendar through. */
    GOOGLE_CLIENT_ID: optionalString,
    GOOGLE_CLIENT_SECRET: optionalString,
    /**
     * One origin standing in for Google's OAuth endpoints (authorize, token, revoke, tokeninfo);
     * unset: Google's own hosts. Only changed to point at a local stand-in in tests.
     */
    GOOGLE_OAUTH_BASE_URL: optionalUrl,
    /** "true": sandbox tools (simulated Calendly bookings, the sandbox Google account) even when NODE_ENV=production; "false": never. */
    KILN_SANDBOX: z.enum(["true", "false"]).optional(),
    /**
     * Outbound webhooks to private addresses (loopback, 10.x, …) and plain http: "true" allows them
     * (development, tests), "false" refuses them; unset: refused only when NODE_ENV=production.
     */
    KILN_WEBHOOKS_ALLOW_PRIVATE: z.enum(["true", "false"]).optional(),
    /** Platform admins (comma-separated emails): allocate provider numbers to organizations (lib/auth/platform.ts). */
    KILN_PLATFORM_ADMINS: z.string().optional(),
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_/, "must start with sk_test_, sk_live_, rk_test_ or rk_live_")
      .optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_/, "must start with whsec_")
      .optional(),
    /** The Stripe prices of each plan and interval (lib/billing/config.ts); a plan without a price cannot be bought. */
    STRIPE_PRICE_BASIC_MONTHLY: stripePrice,
    STRIPE_PRICE_BASIC_YEARLY: stripePrice,
    STRIPE_PRICE_PRO_MONTHLY: stripePrice,
    STRIPE_PRICE_PRO_YEARLY: stripePrice,
    STRIPE_PRICE_ENTERPRISE_MONTHLY: stripePrice,
    STRIPE_PRICE_ENTERPRISE_YEARLY: stripePrice,
    /** Where the Stripe SDK sends API calls; only changed to point at a local stand-in in tests. */
    STRIPE_API_BASE_URL: optionalUrl,
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalUrl,
    OPENAI_MODEL: optionalString,
    /** Models an agent may pick (comma list); OPENAI_MODEL is always allowed (lib/ai/config.ts). */
    OPENAI_ALLOWED_MODELS: z
      .string()
      .regex(/^\s*[\w.:/@-]+(\s*,\s*[\w.:/@-]+)*\s*,?\s*$/, "must be a comma-separated list of model names")
      .optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional(),
    EMAIL_FROM: z.string().default("Kiln <no-reply@kiln.localhost>"),
    /** Web push signing pair; unset outside production, one is generated into <KILN_DATA_DIR>/vapid.json (lib/notifications/vapid.ts). */
    VAPID_PUBLIC_KEY: optionalString,
    VAPID_PRIVATE_KEY: optionalString,
    /** Who push services contact about our pushes; defaults to EMAIL_FROM's address. */
    VAPID_SUBJECT: z
      .string()
      .trim()
      .regex(/^(mailto:\S+|https:\/\/\S+)$/, "must be a mailto: address or an https:// URL")
      .optional(),
    /** Push services besides the well-known ones (comma list; lib/notifications/push-endpoints.ts). */
    PUSH_SERVICE_HOSTS: z
      .string()
      .refine(
        (v) => v.split(",").every((entry) => isPushServiceEntry(entry.trim())),
        "must be host names (push.example.org, *.example.org) or origins (http://push.lan:8080), comma-separated",
      )
      .optional(),
    /**
     * How many reverse proxies in front of Kiln append the client's address to X-Forwarded-For
     * (0: none, the header is not trusted past what Next.js records). Used by rate limits (lib/http/rate-limit.ts).
     */
    KILN_TRUSTED_PROXIES: z.coerce.number().int("must be a whole number of proxies").min(0).max(10).default(0),
    /** Local file storage (lib/storage): the folder, outside public/; default <KILN_DATA_DIR>/<NODE_ENV>/files. */
    STORAGE_DIR: optionalString,
    /** An S3-compatible bucket for files instead of the local folder (lib/storage/s3.ts); S3_BUCKET turns it on. */
    S3_BUCKET: optionalString,
    S3_REGION: z.string().trim().min(1).default("us-east-1"),
    /** A non-AWS endpoint (MinIO, R2, Supabase Storage's S3 endpoint); unset: AWS. */
    S3_ENDPOINT: optionalUrl,
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).optional(),
    /** A Supabase Storage bucket for files (with NEXT_PUBLIC_SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY). */
    SUPABASE_STORAGE_BUCKET: optionalString,
    /** "true": /dev/outbox in a production build too (the end-to-end test server only). */
    KILN_DEV_OUTBOX: z.enum(["true", "false"]).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production") {
      for (const key of ["AUTH_SECRET", "ENCRYPTION_KEY"] as const) {
        if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when NODE_ENV=production" });
      }
    }
    if (Boolean(env.NEXT_PUBLIC_SUPABASE_URL) !== Boolean(env.NEXT_PUBLIC_SUPABASE_ANON_KEY)) {
      ctx.addIssue({
        code: "custom",
        path: [env.NEXT_PUBLIC_SUPABASE_URL ? "NEXT_PUBLIC_SUPABASE_ANON_KEY" : "NEXT_PUBLIC_SUPABASE_URL"],
        message: "must be set together with its pair to enable Supabase Auth",
      });
    }
    if (Boolean(env.TWILIO_ACCOUNT_SID) !== Boolean(env.TWILIO_AUTH_TOKEN)) {
      ctx.addIssue({
        code: "custom",
        path: ["TWILIO_AUTH_TOKEN"],
        message: "TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN go together",
      });
    }
    if (env.SUPABASE_STORAGE_BUCKET && !(env.NEXT_PUBLIC_SUPABASE_URL && env.SUPABASE_SERVICE_ROLE_KEY)) {
      ctx.addIssue({
        code: "custom",
        path: ["SUPABASE_STORAGE_BUCKET"],
        message: "needs NEXT_PUBLIC_SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY",
      });
    }
    if (Boolean(env.GOOGLE_CLIENT_ID) !== Boolean(env.GOOGLE_CLIENT_SECRET)) {
      ctx.addIssue({
        code: "custom",
        path: [env.GOOGLE_CLIENT_ID ? "GOOGLE_CLIENT_SECRET" : "GOOGLE_CLIENT_ID"],
        message: "GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET go together",
      });
    }
    if (Boolean(env.VAPID_PUBLIC_KEY) !== Boolean(env.VAPID_PRIVATE_KEY)) {
      // One half of a pair cannot sign anything: say so at start-up rather than quietly using another pair.
      ctx.addIssue({
        code: "custom",
        path: [env.VAPID_PUBLIC_KEY ? "VAPID_PRIVATE_KEY" : "VAPID_PUBLIC_KEY"],
        message: "VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together",
      });
    }
  });

type Parsed = z.infer<typeof schema>;
export type Env = Omit<Parsed, "AUTH_SECRET" | "ENCRYPTION_KEY"> & { AUTH_SECRET: string; ENCRYPTION_KEY: string };

export class EnvError extends Error {
  constructor(issues: z.core.$ZodIssue[]) {
    const lines = issues.map((i) => `  - ${i.path.join(".") || "(environment)"}: ${i.message}`);
    super(`Invalid environment configuration:\n${lines.join("\n")}\nSee .env.example for every variable.`);
    this.name = "EnvError";
  }
}

/** Parses an environment; exported for tests. Empty strings count as unset. */
export function parseEnv(source: Record<string, string | undefined>): Parsed {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  // Same-origin checks and webhook signatures are computed against APP_URL, so a production
  // server left on the development default would refuse every signed-in change: say so at start.
  const issues = result.success ? [] : [...result.error.issues];
  if (cleaned.NODE_ENV === "production" && !cleaned.APP_URL) {
    issues.push({
      code: "custom",
      path: ["APP_URL"],
      message: "is required when NODE_ENV=production (the public origin, e.g. https://crm.example.com)",
      input: undefined,
    });
  }
  if (!result.success || issues.length) throw new EnvError(issues);
  return result.data;
}

/**
 * Development secrets are generated once and kept under the data folder, so
 * sessions and encrypted values survive restarts without any setup.
 */
function developmentSecrets(dataDir: string): { AUTH_SECRET: string; ENCRYPTION_KEY: string } {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  const secrets = {
    AUTH_SECRET: randomBytes(48).toString("base64"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: "wx" });
  return secrets;
}

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = parseEnv(process.env);
  let { AUTH_SECRET, ENCRYPTION_KEY } = parsed;
  if (!AUTH_SECRET || !ENCRYPTION_KEY) {
    const generated = developmentSecrets(parsed.KILN_DATA_DIR);
    AUTH_SECRET ??= generated.AUTH_SECRET;
    ENCRYPTION_KEY ??= generated.ENCRYPTION_KEY;
  }
  cached = { ...parsed, AUTH_SECRET, ENCRYPTION_KEY };
  return cached;
}

export const isEmbeddedDatabase = () => !env().DATABASE_URL;
