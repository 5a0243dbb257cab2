import type { Metadata } from "next";
import { AccountPanels } from "@/components/settings/account-panels";
import { getSession } from "@/lib/auth/session";
import { isSupabaseAuth } from "@/lib/env";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const session = (await getSession())!;
  return <AccountPanels fullName={session.user.fullName} email={session.user.email} passwordManagedElsewhere={isSupabaseAuth()} />;
}
