import { route } from "@/lib/http/route";

export const GET = route({}, async ({ session }) => ({
  user: session.user,
  organization: session.org,
  memberships: session.memberships,
}));
