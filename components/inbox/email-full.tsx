"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import type { EmailDisplay } from "@/lib/email/frame";
import { EmailBody } from "./email-body";
import { inboxKeys } from "./keys";

type MessageEmail = { text: string | null };

/**
 * The bubble shows the lead's new words; the whole email (its HTML, quoted history and all) opens
 * below it on demand, fetched only then and rendered safely by EmailBody.
 */
export function EmailFull({ messageId }: { messageId: string }) {
  const t = useTranslations("inbox.email");
  const describe = useErrorText();
  const [open, setOpen] = useState(false);
  const email = useQuery({
    queryKey: inboxKeys.messageEmail(messageId),
    queryFn: () => api<{ email: MessageEmail; display: EmailDisplay | null }>(`/api/v1/messages/${messageId}/email`),
    enabled: open,
    staleTime: Infinity,
  });
  return (
    <div className="mt-1">
      <Button
        size="xs"
        variant="link"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="email-full-toggle"
      >
        {open ? t("hideFull") : t("showFull")}
      </Button>
      {open &&
        (email.data ? (
          <EmailBody messageId={messageId} display={email.data.display} text={email.data.email.text} className="mt-2" />
        ) : email.isError ? (
          <p role="alert" className="text-xs text-danger-text">
            {describe(email.error)}
          </p>
        ) : (
          <p className="text-xs text-subtle-foreground">{t("loading")}</p>
        ))}
    </div>
  );
}
