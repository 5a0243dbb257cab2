import type { Claims } from "@/lib/db";
import type { Role } from "./roles";

export type Membership = { orgId: string; orgName: string; role: Role };

export type Session = {
  claims: Claims & { sub: string };
  user: { id: string; email: string; fullName: string };
  /** The user_sessions row (built-in auth); null with Supabase Auth. */
  sessionId: string | null;
  /** The organization the user is working in; null when they belong to none. */
  org: Membership | null;
  memberships: Membership[];
  /** Set when the request came with an API key: the session is then its organization's API principal. */
  apiKey?: { id: string; scopes: readonly string[] };
};
