import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AcceptInvitationButton } from "@/components/auth/accept-invitation";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Alert } from "@/components/ui/alert";
import { getSession } from "@/lib/auth/session";
import { previewInvitation } from "@/lib/orgs/invitations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("invitation") };
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations();
  const [invitation, session] = await Promise.all([
    token.length <= 200 ? previewInvitation(token) : null,
    getSession(),
  ]);

  if (!invitation) return <Alert tone="error">{t("invite.invalid")}</Alert>;
  if (invitation.status !== "pending") return <Alert tone="error">{t(`invite.${invitation.status}`)}</Alert>;

  const role = t(`roles.${invitation.role}`);
  const here = `/invite/${encodeURIComponent(token)}`;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t("invite.title", { org: invitation.orgName })}</h1>
      <p className="text-sm text-muted-foreground">{t("invite.summary", { email: invitation.email, role })}</p>
      {session ? (
        session.user.email === invitation.email ? (
          <>
            <p className="text-sm">{t("invite.signedInAs", { email: session.user.email })}</p>
            <AcceptInvitationButton token={token} />
          </>
        ) : (
          <Alert tone="warning" className="space-y-2">
            <p>{t("invite.wrongAccount", { email: invitation.email })}</p>
            <SignOutButton
              className="font-medium underline"
              redirectTo={`/sign-in?next=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`}
            >
              {t("nav.signOut")}
            </SignOutButton>
          </Alert>
        )
      ) : (
        <>
          <h2 className="text-sm font-semibold">{t("invite.createAccount")}</h2>
          <SignUpForm inviteToken={token} invitedEmail={invitation.email} />
          <p className="text-sm text-muted-foreground">
            {t("invite.haveAccount")}{" "}
            <Link
              href={`/sign-in?next=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`}
              className="text-primary-text underline"
            >
              {t("invite.signInToAccept")}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
