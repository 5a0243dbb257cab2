"use client";

import { useTranslations } from "next-intl";
import { hardNavigate } from "@/lib/client/hard-navigate";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";

export function AcceptInvitationButton({ token }: { token: string }) {
  const t = useTranslations("invite");
  const describe = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-3">
      {error && <Alert tone="error">{error}</Alert>}
      <Button
        className="w-full"
        loading={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await api("/api/v1/invitations/accept", { body: { token } });
            hardNavigate("/dashboard");
          } catch (e) {
            setError(describe(e));
            setBusy(false);
          }
        }}
      >
        {t("accept")}
      </Button>
    </div>
  );
}
