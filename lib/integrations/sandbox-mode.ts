import "server-only";
import { env, isEmbeddedDatabase } from "@/lib/env";

/**
 * Whether this installation offers sandbox tools (simulated Calendly bookings, the sandbox
 * Google account) where a provider has no credentials. On when:
 * - NODE_ENV is not production (local development), or
 * - KILN_SANDBOX=true (a staging install that wants them explicitly), or
 * - the embedded database runs with demo data (KILN_DEMO_SEED=true): a demo install has no
 *   real customers, and the browser tests run the production build exactly that way.
 * A production install on PostgreSQL never has them unless KILN_SANDBOX=true says so, and
 * KILN_SANDBOX=false turns them off everywhere.
 */
export function sandboxToolsEnabled(): boolean {
  const config = env();
  if (config.KILN_SANDBOX === "false") return false;
  return (
    config.NODE_ENV !== "production" ||
    config.KILN_SANDBOX === "true" ||
    (isEmbeddedDatabase() && config.KILN_DEMO_SEED === "true")
  );
}
