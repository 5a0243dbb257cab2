import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { Alert } from "@/components/ui/alert";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("resetPassword") };
}

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // A repeated parameter arrives as an array: no single token to use.
  const token = (await searchParams).token;
  const t = await getTranslations("auth");
  return (
    <>
      <h1 className="mb-5 text-xl font-semibold">{t("resetTitle")}</h1>
      {typeof token === "string" && token ? (
        <ResetPasswordForm token={token} />
      ) : (
        <Alert tone="error">{t("resetMissingToken")}</Alert>
      )}
    </>
  );
}
