import "server-only";
import type { Tx } from "@/lib/db";
import { googleClient, googleRedirectUri, googleSandboxActive } from "./config";
import { getGoogleConnection, type GoogleConnectionSummary } from "./connection";

/** What the Google card shows its user: never a token, and nobody else's connection. */
export type GoogleOverview = {
  /** GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET are set: Connect works. */
  configured: boolean;
  /** Connect goes to Kiln's own sandbox Google (no OAuth app, sandbox tools on): made-up mail and meetings. */
  sandbox: boolean;
  /** What to register with the OAuth client (shown in the setup steps). */
  redirectUri: string;
  connection: GoogleConnectionSummary | null;
};

export async function googleOverview(tx: Tx, orgId: string, userId: string): Promise<GoogleOverview> {
  return {
    configured: googleClient() !== null,
    sandbox: googleSandboxActive(),
    redirectUri: googleRedirectUri(),
    connection: await getGoogleConnection(tx, orgId, userId),
  };
}
