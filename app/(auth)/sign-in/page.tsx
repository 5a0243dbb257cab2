import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getSession } from "@/lib/auth/session";
import { safeNext } from "@/lib/client/safe-next";
import { isEmbeddedDatabase } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("signIn") };
}

// A query parameter is a string, an array when repeated, or missing: only a single string counts.
type SearchParams = Record<string, string | string[] | undefined>;

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { next, email } = await searchParams;
  const destination = safeNext(next);
  if (await getSession()) redirect(destination);
  const t = await getTranslations("auth");
  return (
    <>
      <h1 className="mb-5 text-xl font-semibold">{t("signInTitle")}</h1>
      <SignInForm next={destination} defaultEmail={typeof email === "string" ? email : undefined} />
      <div className="mt-5 space-y-2 text-sm">
        <p>
          <Link href="/forgot-password" className="text-primary-text hover:underline">
            {t("forgot")}
          </Link>
        </p>
        <p className="text-muted-foreground">
          {t("noAccount")}{" "}
          <Link href="/sign-up" className="text-primary-text underline hover:no-underline">
            {t("createAccount")}
          </Link>
        </p>
        {isEmbeddedDatabase() && <p className="rounded bg-muted p-2 text-xs text-muted-foreground">{t("demoHint")}</p>}
      </div>
    </>
  );
}
