import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("forgotPassword") };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("auth");
  return (
    <>
      <h1 className="text-xl font-semibold">{t("forgotTitle")}</h1>
      <p className="mt-1 mb-5 text-sm text-muted-foreground">{t("forgotIntro")}</p>
      <ForgotPasswordForm />
    </>
  );
}
