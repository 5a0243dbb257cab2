import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CreateOrganizationForm } from "@/components/settings/create-organization-form";
import { Logo } from "@/components/shell/logo";
import { getSession } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("onboarding") };
}

/** For a user with no organization (all memberships removed, or a Supabase sign-up), and "New organization". */
export default async function OnboardingPage() {
  const session = await getSession();
  if (!session) redirect("/sign-in");
  const t = await getTranslations("onboarding");
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4">
      <Logo className="mb-6 size-10" />
      <div className="w-full max-w-md rounded-lg border border-border bg-surface p-6 shadow-sm">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        {!session.org && <p className="mt-1 mb-4 text-sm text-muted-foreground">{t("intro")}</p>}
        <CreateOrganizationForm />
      </div>
    </main>
  );
}
