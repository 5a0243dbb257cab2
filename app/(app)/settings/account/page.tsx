import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccountPanels } from "@/components/settings/account-panels";
import { requireOrgSession } from "@/lib/auth/page-session";
import { authBackend } from "@/lib/auth/backend";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("account") };
}

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
