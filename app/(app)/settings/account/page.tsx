import type { Metadata } from "next";
import { AccountPanels } from "@/components/settings/account-panels";
import { requireOrgSession } from "@/lib/auth/page-session";
import { authBackend } from "@/lib/auth/backend";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const session = await requireOrgSession();
  return (
    <AccountPanels
      fullName={session.user.fullName}
      email={session.user.email}
      passwordManagedElsewhere={!(await authBackend()).managesPasswords}
    />
  );
}
