import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getSession } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("signUp") };
}

export default async function SignUpPage() {
  if (await getSession()) redirect("/dashboard");
  const t = await getTranslations("auth");
  return (
    <>
      <h1 className="mb-5 text-xl font-semibold">{t("signUpTitle")}</h1>
      <SignUpForm />
      <p className="mt-5 text-sm text-muted-foreground">
        {t("haveAccount")}{" "}
        <Link href="/sign-in" className="text-primary-text underline hover:no-underline">
          {t("signInLink")}
        </Link>
      </p>
    </>
  );
}
