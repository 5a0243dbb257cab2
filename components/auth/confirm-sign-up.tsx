"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { hardNavigate } from "@/lib/client/hard-navigate";

export function ConfirmSignUp({ token }: { token: string }) {
  const t = useTranslations("auth");
  const describe = useErrorText();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-4">
      {error && <Alert tone="error">{error}</Alert>}
      <p className="text-sm text-muted-foreground">{t("confirmSignUpIntro")}</p>
      <Button
        type="button"
        className="w-full"
        loading={pending}
        onClick={async () => {
          setPending(true);
          setError(null);
          try {
            await api("/api/auth/sign-up/confirm", { body: { token } });
            hardNavigate("/dashboard");
          } catch (failure) {
            setError(describe(failure));
            setPending(false);
          }
        }}
      >
        {t("confirmSignUpSubmit")}
      </Button>
    </div>
  );
}
