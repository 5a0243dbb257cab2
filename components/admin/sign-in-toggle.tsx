"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";

/**
 * Disables a person's sign-in (asking first: it signs them out everywhere) or enables it
 * again. The page re-renders from the server afterwards, so the row shows the new state.
 */
export function SignInToggle({
  userId,
  email,
  disabled,
  self,
}: {
  userId: string;
  email: string;
  disabled: boolean;
  self: boolean;
}) {
  const t = useTranslations("platformAdmin");
  const tCommon = useTranslations("common");
  const errorText = useErrorText();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change = async (enabled: boolean) => {
    setError(null);
    setBusy(true);
    try {
      await api(`/api/v1/platform/admin/users/${userId}/sign-in`, { method: "PUT", body: { enabled } });
      router.refresh();
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  if (self) return <span className="text-xs text-subtle-foreground">{t("thisIsYou")}</span>;
  return (
    <div className="flex flex-col items-start gap-1">
      {disabled ? (
        <Button size="xs" variant="secondary" loading={busy} onClick={() => change(true)} data-testid="enable-sign-in">
          {t("enableSignIn")}
        </Button>
      ) : (
        <ConfirmDialog
          trigger={
            <Button size="xs" variant="secondary" data-testid="disable-sign-in">
              {t("disableSignIn")}
            </Button>
          }
          title={t("disableSignInTitle", { email })}
          description={t("disableSignInDescription")}
          confirmLabel={t("disableSignIn")}
          cancelLabel={tCommon("cancel")}
          onConfirm={() => change(false)}
        />
      )}
      {error && (
        <p role="alert" className="text-xs text-danger-text">
          {error}
        </p>
      )}
    </div>
  );
}
