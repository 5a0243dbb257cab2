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
};
