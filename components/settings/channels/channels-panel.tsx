"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Form, SubmitButton } from "@/components/ui/form";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/states";
import { QueryErrorState } from "@/components/ui/query-error-state";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { settingsKeys } from "../keys";
import { AddChannelDialog } from "./add-channel-dialog";
import { SimulateDialog } from "./simulate-dialog";
import { ChannelTemplatesDialog } from "@/components/outreach/channel-templates";
import type { ChannelRow, ChannelsOverview, ProviderModes } from "./types";
import { WebhookSetup } from "./webhook-setup";
import { InboundEmailSetup } from "./inbound-email";

export const formatNumber = (e164: string) => parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;

const MODE_BADGE = {
  sandbox: "bg-warning-muted text-warning-muted-foreground",
  live: "bg-success-muted text-success-muted-foreground",
} as const;

const PILL = {
  ...MODE_BADGE,
  active: "bg-success-surface text-success-muted-foreground",
  inactive: "bg-muted text-muted-foreground",
  capability: "bg-info-surface text-info-muted-foreground",
} as const;

/** A coloured badge (components/ui Badge has one fixed colour). */
function Pill({ tone, title, children }: { tone: keyof typeof PILL; title?: string; children: ReactNode }) {
  return (
    <span
      title={title}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${PILL[tone]}`}
    >
      {children}
    </span>
  );
}

export function ChannelsPanel({
  initial,
  canManage,
  modes,
}: {
  initial: ChannelsOverview;
  canManage: boolean;
  modes: ProviderModes;
}) {
  const t = useTranslations("channels");
  const describe = useErrorText();
  const queryClient = useQueryClient();
  const overview = useQuery({
    queryKey: settingsKeys.channels(),
    queryFn: () => api<ChannelsOverview>("/api/v1/channels"),
    initialData: initial,
  });
  const [notice, setNotice] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: settingsKeys.channels() });
  const data = overview.data ?? initial;
  // Mailboxes (email channels) are listed with inbound email, below.
  const channels = data.channels.filter((channel) => (channel.provider as string) !== "email");

  const change = async (id: string, method: "PATCH" | "DELETE", body?: Record<string, unknown>) => {
    setNotice(null);
    try {
      await api(`/api/v1/channels/${id}`, { method, body });
      await refresh();
      return true;
    } catch (error) {
      setNotice({ tone: "error", text: describe(error) });
      return false;
    }
  };

  return (
    <div className="space-y-6">
      <Card
        title={t("title")}
        description={canManage ? t("description") : t("readOnly")}
        actions={
          canManage && (
            <AddChannelDialog
              onCreated={async (channel) => {
                setNotice({ tone: "success", text: t("created", { label: channel.label }) });
                await refresh();
              }}
            />
          )
        }
      >
        <div className="mb-4 flex flex-wrap gap-2" aria-label={t("modes")} role="group" data-testid="provider-modes">
          {(["twilio", "whatsapp_cloud"] as const).map((provider) => (
            <span
              key={provider}
              className={`inline-flex items-center gap-1.5 rounded-md px-2.5 py-1 text-xs font-medium ${MODE_BADGE[modes[provider]]}`}
            >
              <span
                aria-hidden
                className={`size-1.5 rounded-full ${modes[provider] === "live" ? "bg-dot-success" : "bg-dot-warning"}`}
              />
              <span className="font-semibold">{t(`providers.${provider}`)}:</span>
              {modes[provider] === "live" ? t("liveLong") : t("sandboxLong")}
            </span>
          ))}
        </div>
        {notice && (
          <Alert tone={notice.tone} className="mb-3">
            {notice.text}
          </Alert>
        )}
        {overview.isError && <QueryErrorState query={overview} />}
        {channels.length === 0 ? (
          <EmptyState title={t("empty")}>{canManage ? t("emptyAdmin") : t("emptyMember")}</EmptyState>
        ) : (
          <ul className="divide-y divide-border" data-testid="channels-list">
            {channels.map((channel) => (
              <ChannelItem
                key={channel.id}
                channel={channel}
                canManage={canManage}
                change={change}
                onSimulated={refresh}
              />
            ))}
          </ul>
        )}
      </Card>
      <WebhookSetup webhooks={data.webhooks} sandbox={data.sandbox} />
      {canManage && <InboundEmailSetup />}
    </div>
  );
}

function ChannelItem({
  channel,
  canManage,
  change,
  onSimulated,
}: {
  channel: ChannelRow;
  canManage: boolean;
  change: (id: string, method: "PATCH" | "DELETE", body?: Record<string, unknown>) => Promise<boolean>;
  onSimulated: () => Promise<void>;
}) {
  const t = useTranslations("channels");
  const tc = useTranslations("common");
  const [renaming, setRenaming] = useState(false);
  const [toggling, setToggling] = useState(false);
  const number = formatNumber(channel.address);

  return (
    <li className="flex flex-wrap items-start justify-between gap-3 py-4" data-testid="channel-row">
      {renaming ? (
        <RenameForm
          label={channel.label}
          onDone={async (label) => {
            if (label === undefined || label === channel.label || (await change(channel.id, "PATCH", { label })))
              setRenaming(false);
          }}
        />
      ) : (
        <div className="min-w-0 space-y-1.5">
          <div className="flex flex-wrap items-center gap-2">
            <p className={`text-sm font-semibold ${channel.active ? "" : "text-subtle-foreground"}`}>{channel.label}</p>
            <Pill tone={channel.active ? "active" : "inactive"}>{channel.active ? t("active") : t("inactive")}</Pill>
            <Pill
              tone={channel.sandbox ? "sandbox" : "live"}
              title={channel.sandbox ? t("sandboxLong") : t("liveLong")}
            >
              {channel.sandbox ? t("sandbox") : t("live")}
            </Pill>
          </div>
          <p className="text-sm text-muted-foreground">
            <span>{t(`providers.${channel.provider}`)}</span>
            <span aria-hidden> · </span>
            <span className="font-mono text-xs tabular-nums">{number}</span>
            {channel.phoneNumberId && (
              <>
                <span aria-hidden> · </span>
                <span className="text-xs">{t("phoneNumberIdShort", { id: channel.phoneNumberId })}</span>
              </>
            )}
          </p>
          <div className="flex flex-wrap items-center gap-1.5">
            {channel.capabilities.map((capability) => (
              <Pill key={capability} tone="capability">
                {t(`capabilityNames.${capability}`)}
              </Pill>
            ))}
            <span className="ms-1 text-xs text-subtle-foreground">
              {t("conversations", { count: channel.conversationCount })}
            </span>
          </div>
        </div>
      )}
      {canManage && !renaming && (
        <div
          className="flex flex-wrap items-center gap-2"
          role="group"
          aria-label={t("actionsFor", { label: channel.label })}
        >
          {channel.capabilities.includes("whatsapp") && (
            <ChannelTemplatesDialog channelId={channel.id} label={channel.label} />
          )}
          {channel.sandbox && channel.active && (
            <SimulateDialog channel={channel} number={number} onSent={onSimulated} />
          )}
          <Button size="sm" variant="ghost" onClick={() => setRenaming(true)}>
            {t("rename")}
          </Button>
          <Button
            size="sm"
            variant="secondary"
            loading={toggling}
            onClick={async () => {
              setToggling(true);
              await change(channel.id, "PATCH", { active: !channel.active });
              setToggling(false);
            }}
          >
            {channel.active ? t("deactivate") : t("activate")}
          </Button>
          <ConfirmDialog
            trigger={
              <Button size="sm" variant="ghost" className="text-danger-text hover:bg-danger-surface">
                {t("delete")}
              </Button>
            }
            title={t("deleteTitle", { label: channel.label })}
            description={t("deleteBody", { number })}
            confirmLabel={t("delete")}
            cancelLabel={tc("cancel")}
            onConfirm={async () => {
              // A refusal (409: it has conversations) is shown above the list; the dialog closes.
              await change(channel.id, "DELETE");
            }}
          />
        </div>
      )}
    </li>
  );
}

function RenameForm({ label, onDone }: { label: string; onDone: (label?: string) => Promise<void> }) {
  const t = useTranslations("channels");
  const tc = useTranslations("common");
  const [value, setValue] = useState(label);
  const [busy, setBusy] = useState(false);
  return (
    <Form
      className="flex flex-1 flex-wrap items-end gap-2"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        await onDone(value.trim());
        setBusy(false);
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") void onDone();
      }}
    >
      <TextField
        className="min-w-48 flex-1"
        label={t("renameLabel")}
        value={value}
        autoFocus
        maxLength={80}
        onChange={(e) => setValue(e.target.value)}
      />
      <SubmitButton size="sm" loading={busy} disabled={!value.trim()}>
        {tc("save")}
      </SubmitButton>
      <Button size="sm" variant="ghost" onClick={() => onDone()}>
        {tc("cancel")}
      </Button>
    </Form>
  );
}
