"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Disclosure } from "@/components/ui/disclosure";
import { useErrorText } from "@/lib/client/use-error-text";
import { useConversationTemplates, useSendTemplate } from "./hooks";
import { TemplateSender } from "./template-sender";

/** Under the composer while WhatsApp's 24-hour window is closed: the way to reach the lead is an approved template. */
export function WindowTemplates({ conversationId }: { conversationId: string }) {
  const t = useTranslations("outreach");
  const describe = useErrorText();
  const choices = useConversationTemplates(conversationId, true);
  const send = useSendTemplate(conversationId);
  const [open, setOpen] = useState(true);
  return (
    <div className="border-t border-border px-3 pt-3" data-testid="window-templates">
      <Disclosure title={t("templates.windowClosedOffer")} open={open} onOpenChange={setOpen} level={3}>
        <TemplateSender
          choices={choices.data}
          loading={choices.isPending}
          error={choices.isError ? describe(choices.error) : null}
          sending={send.isPending}
          sendError={send.isError ? describe(send.error) : null}
          onSend={(input) => send.mutate(input)}
        />
      </Disclosure>
    </div>
  );
}
