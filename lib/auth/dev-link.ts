import "server-only";
import { env } from "@/lib/env";
import { clientAddress, isLoopback } from "@/lib/http/rate-limit";

/**
 * Whether a sign-in link (password reset, sign-up confirmation) that could not be emailed
 * may be shown in the answer: only in development without SMTP, and only to a request
 * from this machine. Anywhere else it would hand any account to whoever asks.
 */
export function mayShowDevLink(request: Request, emailed: boolean): boolean {
  const config = env();
  return !emailed && !config.SMTP_URL && config.NODE_ENV === "development" && isLoopback(clientAddress(request));
}
