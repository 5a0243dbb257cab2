import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";

/**
 * Calendly OAuth 2 (authorization code + PKCE). Framework-free: the route handlers own the
 * session binding of `state` and the encrypted storage of what these functions return.
 */

export const CALENDLY_AUTHORIZE_URL = "https://auth.calendly.com/oauth/authorize";
export const CALENDLY_TOKEN_URL = "https://auth.calendly.com/oauth/token";
export const CALENDLY_REVOKE_URL = "https://auth.calendly.com/oauth/revoke";

const DEFAULT_TIMEOUT_MS = 10_000;

// RFC 7636 §4.1: 43–128 characters from the unreserved set.
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** 32 random bytes → 43 base64url characters, the RFC's recommended size. */
export function createCodeVerifier(): string {
  return randomBytes(32).toString("base64url");
}

export function codeChallengeS256(verifier: string): string {
  if (!VERIFIER.test(verifier)) throw new RangeError("A PKCE code verifier is 43–128 characters of [A-Za-z0-9-._~].");
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

export function createPkcePair(): { codeVerifier: string; codeChallenge: string } {
  const codeVerifier = createCodeVerifier();
  return { codeVerifier, codeChallenge: codeChallengeS256(codeVerifier) };
}

export function authorizeUrl(input: {
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  authorizeEndpoint?: string;
}): string {
  const url = new URL(input.authorizeEndpoint ?? CALENDLY_AUTHORIZE_URL);
  url.searchParams.set("client_id", input.clientId);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("redirect_uri", input.redirectUri);
  url.searchParams.set("state", input.state);
  url.searchParams.set("code_challenge", input.codeChallenge);
  url.searchParams.set("code_challenge_method", "S256");
  return url.toString();
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  token_type: z.string().refine((type) => type.toLowerCase() === "bearer", "Expected a Bearer token."),
  expires_in: z.number().int().positive(),
  scope: z.string().nullish(),
  created_at: z.number().nullish(),
  owner: z.url(),
  organization: z.url(),
});

export type CalendlyTokens = {
  accessToken: string;
  /** Single-use: Calendly revokes it on the next successful refresh, so store the new one atomically. */
  refreshToken: string;
  expiresAt: Date;
  scope: string | null;
  owner: { userUri: string; organizationUri: string };
};

export type CalendlyOAuthErrorCode =
  | "invalid_grant"
  | "invalid_client"
  | "invalid_request"
  | "unauthorized_client"
  | "rate_limited"
  | "server_error"
  | "timeout"
  | "network"
  | "unexpected_redirect"
  | "invalid_response"
  | (string & {});

/**
 * What went wrong, without any token in it (messages and fields are safe to log).
 * `reauthRequired`: the grant is gone; only an admin reconnecting helps.
 * `retryable`: the same request may succeed later (with backoff).
 */
export class CalendlyOAuthError extends Error {
  readonly code: CalendlyOAuthErrorCode;
  readonly status: number | null;
  readonly reauthRequired: boolean;
  readonly retryable: boolean;

  constructor(
    code: CalendlyOAuthErrorCode,
    message: string,
    options: { status?: number | null; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "CalendlyOAuthError";
    this.code = code;
    this.status = options.status ?? null;
    this.reauthRequired = code === "invalid_grant";
    this.retryable = options.retryable ?? false;
  }
}

export type ClientCredentials = {
  clientId: string;
  clientSecret: string;
  /**
   * Calendly's reference says web clients authenticate with HTTP Basic; RFC 6749 also
   * allows the secret in the body. Basic is the default because it is the documented one.
   */
  clientAuth?: "client_secret_basic" | "client_secret_post";
};

type RequestOptions = { tokenEndpoint?: string; timeoutMs?: number; now?: () => Date };

export async function exchangeCode(
  input: ClientCredentials & RequestOptions & { code: string; codeVerifier: string; redirectUri: string },
): Promise<CalendlyTokens> {
  return tokenRequest(input, {
    grant_type: "authorization_code",
    code: input.code,
    redirect_uri: input.redirectUri,
    code_verifier: input.codeVerifier,
  });
}

export async function refreshToken(
  input: ClientCredentials & RequestOptions & { refreshToken: string },
): Promise<CalendlyTokens> {
  return tokenRequest(input, { grant_type: "refresh_token", refresh_token: input.refreshToken });
}

/** Revokes an access or refresh token (disconnect). Calendly takes the client credentials in the body here. */
export async function revokeToken(
  input: Omit<ClientCredentials, "clientAuth"> & { token: string; revokeEndpoint?: string; timeoutMs?: number },
): Promise<void> {
  const body = new URLSearchParams({
    client_id: input.clientId,
    client_secret: input.clientSecret,
    token: input.token,
  });
  const response = await post(input.revokeEndpoint ?? CALENDLY_REVOKE_URL, body, {}, input.timeoutMs);
  if (!response.ok) throw await errorFromResponse(response);
}

async function tokenRequest(
  input: ClientCredentials & RequestOptions,
  params: Record<string, string>,
): Promise<CalendlyTokens> {
  const body = new URLSearchParams({ ...params, client_id: input.clientId });
  const headers: Record<string, string> = {};
  if ((input.clientAuth ?? "client_secret_basic") === "client_secret_basic") {
    // RFC 6749 §2.3.1: both parts are form-encoded before the Basic encoding.
    const user = encodeURIComponent(input.clientId);
    const pass = encodeURIComponent(input.clientSecret);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
  } else {
    body.set("client_secret", input.clientSecret);
  }

  // Expiry is counted from our clock at request time, not Calendly's `created_at`, so clock
  // skew between us and Calendly can only make us refresh early, never late.
  const requestedAt = (input.now ?? (() => new Date()))();
  const response = await post(input.tokenEndpoint ?? CALENDLY_TOKEN_URL, body, headers, input.timeoutMs);
  if (!response.ok) throw await errorFromResponse(response);

  let json: unknown;
  try {
    json = await response.json();
  } catch (cause) {
    // Not retryable: a refresh token may already have been rotated server-side, and a retry
    // with the old one fails anyway. The next refresh attempt surfaces invalid_grant.
    throw new CalendlyOAuthError("invalid_response", "The token endpoint answered with something other than JSON.", {
      status: response.status,
      cause,
    });
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw new CalendlyOAuthError("invalid_response", "The token endpoint's answer lacks required fields.", {
      status: response.status,
    });
  }
  const token = parsed.data;
  return {
    accessToken: token.access_token,
    refreshToken: token.refresh_token,
    expiresAt: new Date(requestedAt.getTime() + token.expires_in * 1000),
    scope: token.scope ?? null,
    owner: { userUri: token.owner, organizationUri: token.organization },
  };
}

async function post(
  url: string,
  body: URLSearchParams,
  headers: Record<string, string>,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<Response> {
  try {
    return await fetch(url, {
      method: "POST",
      headers: { ...headers, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body,
      // A redirect would replay the credentials and code to wherever it points.
      redirect: "error",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (cause) {
    if (cause instanceof DOMException && (cause.name === "TimeoutError" || cause.name === "AbortError")) {
      throw new CalendlyOAuthError("timeout", `Calendly did not answer within ${timeoutMs} ms.`, {
        retryable: true,
        cause,
      });
    }
    if (/redirect/i.test(describe(cause))) {
      throw new CalendlyOAuthError(
        "unexpected_redirect",
        "The token endpoint answered with a redirect, which is refused.",
        { cause },
      );
    }
    throw new CalendlyOAuthError("network", "Could not reach Calendly.", { retryable: true, cause });
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return `${error.message} ${error.cause instanceof Error ? error.cause.message : ""}`;
}

const oauthErrorSchema = z.object({
  error: z.string().min(1).max(100),
  error_description: z.string().max(500).nullish(),
});

async function errorFromResponse(response: Response): Promise<CalendlyOAuthError> {
  const status = response.status;
  if (status === 429)
    return new CalendlyOAuthError("rate_limited", "Calendly is rate limiting token requests.", {
      status,
      retryable: true,
    });
  if (status >= 500)
    return new CalendlyOAuthError("server_error", `Calendly answered ${status}.`, { status, retryable: true });

  const text = await response.text().catch(() => "");
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Falls through to the generic error below.
  }
  const parsed = oauthErrorSchema.safeParse(body);
  if (!parsed.success)
    return new CalendlyOAuthError("invalid_response", `Calendly answered ${status} without an OAuth error.`, {
      status,
    });
  const { error, error_description: description } = parsed.data;
  return new CalendlyOAuthError(error, description ? `${error}: ${description}` : error, { status });
}
