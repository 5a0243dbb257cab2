import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ConfirmSignUp } from "@/components/auth/confirm-sign-up";
import { Alert } from "@/components/ui/alert";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("signUpConfirm") };
}

/** The emailed sign-up link lands here; a click (not the visit) creates the account, so a mail scanner that opens links creates nothing. */
export default async function ConfirmSignUpPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  const t = await getTranslations("auth");
  return (
    <>
      <h1 className="mb-5 text-xl font-semibold">{t("confirmSignUpTitle")}</h1>
      {typeof token === "string" && token ? (
        <ConfirmSignUp token={token} />
      ) : (
        <Alert tone="error">{t("confirmSignUpMissingToken")}</Alert>
      )}
    </>
  );
}
