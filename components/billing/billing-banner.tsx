import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import type { OrgSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/permissions";
import { billingStatus } from "@/lib/billing/status";
import { withRls } from "@/lib/db";

/**
 * Above every page: a failed payment's grace period (owners and admins, who can fix it) and
 * the read-only state (everyone, since sending is refused for everyone).
 */
export async function BillingBanner({ session }: { session: OrgSession }) {
  const status = await withRls(session.claims, (tx) => billingStatus(tx, session.org.orgId)).catch(() => null);
  if (!status) return null;
  const manage = can(session.org.role, "manageBilling");
  const [t, format] = await Promise.all([getTranslations("billing"), getFormatter()]);
  const link = manage && (
    <Link href="/settings/billing" className="ms-1 font-medium underline">
      {t("banner.fix")}
    </Link>
  );
  if (status.readOnlyReason)
    return (
      <div data-testid="billing-banner">
        <Alert tone="error" className="mb-4">
          {t(`readOnly.${status.readOnlyReason}` as "readOnly.canceled")} {manage ? link : t("banner.askOwner")}
        </Alert>
      </div>
    );
  if (status.status === "past_due" && manage && status.graceEndsAt)
    return (
      <div data-testid="billing-banner">
        <Alert tone="warning" className="mb-4">
          {t("pastDueGrace", { date: format.dateTime(status.graceEndsAt, { dateStyle: "medium" }) })} {link}
        </Alert>
      </div>
    );
  return null;
}
