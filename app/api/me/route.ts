import { isPlatformAdmin } from "@/lib/auth/platform";
import { route } from "@/lib/http/route";
import { currentBillingStatus } from "@/lib/platform/billing-status";

/**
 * Who is calling, in one request: the user, every membership with its role, the current
 * organization with its plan, subscription status and plan limits, and whether the user is a
 * platform admin. The UI and API clients both start here.
 */
export const GET = route({}, async ({ session, rls }) => {
  const current = session.org;
  const billing = current ? await rls((tx) => currentBillingStatus(tx, current.orgId)) : null;
  return {
    user: session.user,
    memberships: session.memberships,
    organization:
      current && billing
        ? {
            ...current,
            plan: billing.plan,
            subscription: {
              status: billing.status,
              trialEnd: billing.trialEnd,
              currentPeriodEnd: billing.currentPeriodEnd,
              cancelAtPeriodEnd: billing.cancelAtPeriodEnd,
              // Why the organization is read-only (trial ended, unpaid …), or null while it may work.
              readOnlyReason: billing.readOnlyReason,
            },
            limits: billing.limits,
          }
        : null,
    platformAdmin: await isPlatformAdmin(session),
  };
});
