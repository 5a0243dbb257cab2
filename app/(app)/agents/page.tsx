import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AgentsView } from "@/components/agents/agents-view";
import { ApprovalPolicy } from "@/components/approvals/approval-policy";
import { Alert } from "@/components/ui/alert";
import { requireOrgSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/permissions";
import { hasRole } from "@/lib/auth/roles";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("agents") };
}

/** AI agents, for managers and up. Auto-send is an owner/admin decision (the database enforces it too). */
export default async function AgentsPage() {
  const session = await requireOrgSession();
  const role = session.org.role;
  if (!can(role, "manageAgents")) {
    const t = await getTranslations("agents");
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <Alert tone="info">{t("managersOnly")}</Alert>
      </div>
    );
  }
  const isAdmin = hasRole(role, "admin");
  return (
    <div className="space-y-6">
      <AgentsView canSetAutoSend={isAdmin} />
      {isAdmin && <ApprovalPolicy />}
    </div>
  );
}
