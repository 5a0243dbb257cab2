"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { settingsKeys } from "@/components/settings/keys";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Form, SubmitButton } from "@/components/ui/form";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { useBulkSend, useChannelTemplates } from "./hooks";

type ChannelsOverview = { channels: { id: string; label: string; active: boolean; capabilities: string[] }[] };
const HEATS = ["cold", "warm", "hot", "burning"] as const;

/**
 * "Send a template" from the lead list: to the ticked leads, or to everyone silent for some
 * days (say, warm leads silent for 14 days), through the job queue at a chosen pace; the
 * report opens when it starts.
 */
export function BulkTemplateDialog({ leadIds }: { leadIds: string[] }) {
  const t = useTranslations("outreach");
  const describe = useErrorText();
  const [open, setOpen] = useState(false);
  const [audience, setAudience] = useState<"selected" | "silent">(leadIds.length ? "selected" : "silent");
  const [silentDays, setSilentDays] = useState("14");
  const [heat, setHeat] = useState<string>("warm");
  const [rate, setRate] = useState("30");
  const [channelId, setChannelId] = useState("");
  const [templateId, setTemplateId] = useState("");
  const channels = useQuery({
    queryKey: settingsKeys.channels(),
    queryFn: () => api<ChannelsOverview>("/api/v1/channels"),
    enabled: open,
  });
  const usable = (channels.data?.channels ?? []).filter((c) => c.active && c.capabilities.includes("whatsapp"));
  const channel = channelId || usable[0]?.id || "";
  const templates = useChannelTemplates(channel);
  const approved = (templates.data?.templates ?? []).filter((x) => x.status === "approved");
  const template = templateId || approved[0]?.id || "";
  const send = useBulkSend();
  const target = audience === "selected" && leadIds.length ? "selected" : "silent";

  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      size="lg"
      title={t("bulk.title")}
      description={t("bulk.description")}
      trigger={
        <Button size="sm" variant="secondary" data-testid="bulk-template">
          {t("bulk.button")}
        </Button>
      }
    >
      {send.data ? (
        <div className="space-y-3">
          <Alert tone="success">{t("bulk.started", { count: send.data.recipients })}</Alert>
          <Link className="text-sm font-medium text-primary-text underline" href={`/leads/outreach/${send.data.runId}`}>
            {t("bulk.openReport")}
          </Link>
        </div>
      ) : (
        <Form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (!template) return;
            send.mutate({
              templateId: template,
              ratePerMinute: Number(rate),
              ...(target === "selected"
                ? { leadIds }
                : { silentDays: Number(silentDays), heat: heat === "any" ? undefined : [heat] }),
            });
          }}
        >
          <SelectField
            label={t("bulk.audience")}
            value={target}
            onChange={(e) => setAudience(e.target.value as "selected" | "silent")}
          >
            {leadIds.length > 0 && <option value="selected">{t("bulk.selected", { count: leadIds.length })}</option>}
            <option value="silent">{t("bulk.silent")}</option>
          </SelectField>
          {target === "silent" && (
            <div className="grid gap-3 sm:grid-cols-2">
              <SelectField label={t("bulk.heat")} value={heat} onChange={(e) => setHeat(e.target.value)}>
                <option value="any">{t("bulk.anyHeat")}</option>
                {HEATS.map((h) => (
                  <option key={h} value={h}>
                    {t(`bulk.heats.${h}`)}
                  </option>
                ))}
              </SelectField>
              <TextField
                label={t("bulk.silentDays")}
                type="number"
                min={1}
                max={365}
                value={silentDays}
                onChange={(e) => setSilentDays(e.target.value)}
              />
            </div>
          )}
          <SelectField label={t("bulk.channel")} value={channel} onChange={(e) => setChannelId(e.target.value)}>
            {usable.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("bulk.template")} value={template} onChange={(e) => setTemplateId(e.target.value)}>
            {approved.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name} · {x.language} · {t(`categories.${x.category}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t("bulk.rate")}
            hint={t("bulk.rateHint")}
            type="number"
            min={1}
            max={600}
            value={rate}
            onChange={(e) => setRate(e.target.value)}
          />
          {send.isError && <Alert tone="error">{describe(send.error)}</Alert>}
          <div className="flex items-center justify-between gap-3">
            <Link className="text-sm text-primary-text underline" href="/leads/outreach">
              {t("bulk.history")}
            </Link>
            <SubmitButton disabled={!template} loading={send.isPending}>
              {t("bulk.send")}
            </SubmitButton>
          </div>
        </Form>
      )}
    </Dialog>
  );
}
