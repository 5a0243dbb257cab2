import type { Metadata } from "next";
import { AccountPanels } from "@/components/settings/account-panels";
import { requireOrgSession } from "@/lib/auth/page-session";
import { isSupabaseAuth } from "@/lib/env";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const session = await requireOrgSession();
  return <AccountPanels fullName={session.user.fullName} email={session.user.email} passwordManagedElsewhere={isSupabaseAuth()} />;
}
