"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { SelectField } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { useErrorText } from "@/lib/client/use-error-text";
import { useConsent, useLeadTemplates, useRecordConsent, useStartWithTemplate } from "./hooks";
import { TemplateSender } from "./template-sender";

type ChannelOption = { id: string; label: string; capabilities: string[]; active: boolean };
const KINDS = ["whatsapp", "sms"] as const;

/** The lead page's consent per channel kind (recorded by hand too) and "start a conversation with a template". */
export function LeadOutreachCard({
  leadId,
  channels,
  disabled,
}: {
  leadId: string;
  channels: ChannelOption[];
  disabled: boolean;
}) {
  const t = useTranslations("outreach");
  const format = useFormatter();
  const describe = useErrorText();
  const consent = useConsent(leadId);
  const record = useRecordConsent(leadId);
  return (
    <div data-testid="lead-outreach">
      <Card title={t("consent.title")}>
        {consent.isPending ? (
          <Spinner label={t("consent.loading")} />
        ) : (
          <ul className="space-y-2 text-sm">
            {KINDS.map((kind) => {
              const row = consent.data?.find((c) => c.channelKind === kind);
              return (
                <li key={kind} className="flex flex-wrap items-center gap-2" data-testid={`consent-${kind}`}>
                  <span className="min-w-20 font-medium">{t(`kinds.${kind}`)}</span>
                  <Badge
                    tone={row?.status === "opted_in" ? "success" : row?.status === "opted_out" ? "danger" : "neutral"}
                  >
                    {t(`consent.status.${row?.status ?? "unknown"}`)}
                  </Badge>
                  {row && (
                    <span className="text-xs text-subtle-foreground">
                      {t("consent.since", {
                        source: t(`consent.sources.${row.source}`),
                        at: format.dateTime(new Date(row.at), { dateStyle: "medium", timeStyle: "short" }),
                      })}
                    </span>
                  )}
                  {!disabled && (
                    <Button
                      size="sm"
                      variant="ghost"
                      className="ms-auto"
                      loading={record.isPending && record.variables?.channelKind === kind}
                      onClick={() =>
                        record.mutate({
                          channelKind: kind,
                          status: row?.status === "opted_in" ? "opted_out" : "opted_in",
                        })
                      }
                    >
                      {row?.status === "opted_in" ? t("consent.recordOptOut") : t("consent.recordOptIn")}
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {record.isError && <p className="mt-2 text-sm text-danger-text">{describe(record.error)}</p>}
        {!disabled && <StartWithTemplate leadId={leadId} channels={channels} />}
      </Card>
    </div>
  );
}

function StartWithTemplate({ leadId, channels }: { leadId: string; channels: ChannelOption[] }) {
  const t = useTranslations("outreach");
  const describe = useErrorText();
  const router = useRouter();
  const options = channels
    .filter((c) => c.active)
    .flatMap((c) =>
      KINDS.filter((m) => c.capabilities.includes(m)).map((medium) => ({ channelId: c.id, medium, label: c.label })),
    );
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState(0);
  const option = options[choice];
  const choices = useLeadTemplates(leadId, open && option ? option.channelId : null, option?.medium ?? "whatsapp");
  const start = useStartWithTemplate(leadId);
  if (!options.length) return null;
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      size="lg"
      title={t("start.title")}
      description={t("start.description")}
      trigger={
        <Button size="sm" variant="secondary" className="mt-3" data-testid="start-with-template">
          {t("start.button")}
        </Button>
      }
    >
      <div className="space-y-3">
        <SelectField label={t("start.channel")} value={choice} onChange={(e) => setChoice(Number(e.target.value))}>
          {options.map((o, i) => (
            <option key={`${o.channelId}-${o.medium}`} value={i}>
              {o.label} · {t(`kinds.${o.medium}`)}
            </option>
          ))}
        </SelectField>
        <TemplateSender
          choices={choices.data}
          loading={choices.isPending}
          error={choices.isError ? describe(choices.error) : null}
          sending={start.isPending}
          sendError={start.isError ? describe(start.error) : null}
          onSend={(input) =>
            option &&
            start.mutate(
              { ...input, channelId: option.channelId, medium: option.medium },
              { onSuccess: (r) => router.push(`/inbox?c=${r.conversationId}`) },
            )
          }
        />
      </div>
    </Dialog>
  );
}
