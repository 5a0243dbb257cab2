"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useTimeZone, useTranslations } from "next-intl";
import { Popover } from "radix-ui";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { LtrText, UserText } from "@/components/ui/bidi";
import { Button } from "@/components/ui/button";
import { Form, SubmitButton } from "@/components/ui/form";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DirectionalArrow } from "@/components/ui/directional-icon";
import { SelectField, TextField } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { api, ApiError } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { fromDateTimeInput } from "@/lib/client/zoned-time";
import { LEAD_STATUSES } from "@/lib/leads/schema";
import { HEAT_LEVELS, type HeatLevel, type HeatLine } from "@/lib/scoring";
import { BantEditor } from "./bant-editor";
import { BantSuggestions } from "./bant-suggestions";
import { HeatBadge } from "./heat-badge";
import { useLead, useSettleLead } from "./hooks";
import { useHeatLineText } from "./use-heat-line-text";
import { heatLinesText } from "@/lib/scoring/render";
import { LeadOutreachCard } from "@/components/outreach/lead-outreach";
import { MeetingsCard } from "./meetings-card";
import { LeadTasksCard } from "@/components/tasks/lead-tasks-card";
import { LeadConversations, type ChannelOption, type LeadConversationData } from "./lead-conversations";
import { EditLeadForm } from "./lead-form";
import { LeadTimeline, NoteComposer } from "./lead-timeline";
import { RelativeTime } from "./relative-time";
import type { EventsPage, LeadData, MemberOption, ProjectOption } from "./types";

type Props = {
  initialLead: LeadData;
  initialEvents: EventsPage;
  members: MemberOption[];
  projects: ProjectOption[];
  currentUserId: string;
  canManage: boolean;
  /** The heat score's contributions when the page loaded. */
  breakdown: { line: HeatLine; points: string }[];
  conversations: LeadConversationData[];
  channels: ChannelOption[];
  /** The user's preferred WhatsApp sending number (Settings → Preferences), offered first when it is one of `channels`. */
  preferredWhatsAppNumberId: string | null;
};

export function LeadDetail({
  initialLead,
  initialEvents,
  members,
  projects,
  currentUserId,
  canManage,
  breakdown,
  conversations,
  channels,
  preferredWhatsAppNumberId,
}: Props) {
  const t = useTranslations("leads");
  const describe = useErrorText();
  const id = initialLead.id;
  const lead = useLead(initialLead).data;
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  /** A mutation's returned lead replaces the cached one; the timeline and lists reload. */
  const settle = useSettleLead(id);
  const onError = (e: unknown) => setError(describe(e));
  const patch = useMutation({
    mutationFn: (changes: Record<string, unknown>) =>
      api<{ lead: LeadData }>(`/api/v1/leads/${id}`, { method: "PATCH", body: changes }),
    onMutate: () => setError(null),
    onSuccess: (result) => settle(result.lead),
    onError,
  });

  const remove = async () => {
    setError(null);
    try {
      await api(`/api/v1/leads/${id}`, { method: "DELETE" });
      await settle({ ...lead, deletedAt: new Date().toISOString() });
    } catch (e) {
      onError(e);
    }
  };
  const restore = useMutation({
    mutationFn: () => api<{ lead: LeadData }>(`/api/v1/leads/${id}/restore`, { method: "POST" }),
    onMutate: () => setError(null),
    onSuccess: (result) => settle(result.lead),
    onError,
  });

  const deleted = Boolean(lead.deletedAt);
  const owner = members.find((m) => m.userId === lead.ownerId);

  return (
    <div className="space-y-5">
      <Link href="/leads" className="inline-block text-sm text-primary-text hover:underline">
        <DirectionalArrow to="back" /> {t("backToLeads")}
      </Link>
      {deleted && (
        <Alert tone="warning" className="flex flex-wrap items-center justify-between gap-3">
          <span>{t("deletedBanner")}</span>
          {canManage && (
            <Button size="sm" variant="secondary" loading={restore.isPending} onClick={() => restore.mutate()}>
              {t("restore")}
            </Button>
          )}
        </Alert>
      )}
      {error && <Alert tone="error">{error}</Alert>}

      <section className="rounded-lg border border-border bg-surface p-5">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0 space-y-1">
            <h1 className="text-2xl font-semibold break-words" data-testid="lead-name">
              <UserText>{lead.name}</UserText>
            </h1>
            {(lead.title || lead.company) && (
              <p className="text-sm text-muted-foreground">
                <UserText>{[lead.title, lead.company].filter(Boolean).join(" · ")}</UserText>
              </p>
            )}
            <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
              {lead.email && (
                <a href={`mailto:${lead.email}`} className="text-primary-text hover:underline">
                  <LtrText data-testid="lead-email">{lead.email}</LtrText>
                </a>
              )}
              {lead.phone && (
                <a href={`tel:${lead.phone}`} className="text-primary-text hover:underline">
                  <LtrText data-testid="lead-phone">{lead.phone}</LtrText>
                </a>
              )}
              {lead.projectName && <UserText className="text-subtle-foreground">{lead.projectName}</UserText>}
            </p>
            <p className="text-xs text-subtle-foreground">
              {t("createdAgo")} <RelativeTime date={lead.createdAt} /> · {t("lastActivity")}{" "}
              <RelativeTime date={lead.lastActivityAt} />
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <HeatPopover lead={lead} breakdown={lead.heatScore === initialLead.heatScore ? breakdown : []} />
            <div className="text-center" data-testid="bant-score">
              <p className="text-xs text-subtle-foreground">{t("bantScore")}</p>
              <p className="text-lg font-semibold tabular-nums">{lead.bantScore}</p>
            </div>
            {lead.bantQualified && <Badge tone="success">{t("qualified")}</Badge>}
          </div>
        </div>

        <div className="mt-4 flex flex-wrap items-end gap-3 border-t border-border pt-4">
          <SelectField
            label={t("fields.status")}
            value={lead.status}
            disabled={deleted || patch.isPending}
            onChange={(e) => patch.mutate({ status: e.target.value })}
          >
            {LEAD_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </SelectField>
          {canManage ? (
            <SelectField
              label={t("fields.owner")}
              value={lead.ownerId ?? ""}
              disabled={deleted || patch.isPending}
              onChange={(e) => patch.mutate({ ownerId: e.target.value || null })}
            >
              <option value="">{t("unassigned")}</option>
              {members.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name}
                </option>
              ))}
            </SelectField>
          ) : (
            <div className="space-y-1">
              <p className="text-sm font-medium text-foreground-soft">{t("fields.owner")}</p>
              <p className="flex h-10 items-center gap-2 text-sm">
                {(lead.ownerName ?? owner?.name) ? (
                  <UserText>{lead.ownerName ?? owner?.name}</UserText>
                ) : (
                  <span className="text-subtle-foreground">{t("unassigned")}</span>
                )}
                {!lead.ownerId && !deleted && (
                  <Button
                    size="sm"
                    variant="secondary"
                    loading={patch.isPending}
                    onClick={() => patch.mutate({ ownerId: currentUserId })}
                  >
                    {t("assignToMe")}
                  </Button>
                )}
              </p>
            </div>
          )}
          <div className="ms-auto flex gap-2">
            {!deleted && (
              <Button variant="secondary" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
                {t("editDetails")}
              </Button>
            )}
            {canManage && !deleted && (
              <ConfirmDialog
                trigger={<Button variant="danger">{t("delete")}</Button>}
                title={t("deleteTitle", { name: lead.name })}
                description={t("deleteBody")}
                confirmLabel={t("delete")}
                cancelLabel={t("cancel")}
                onConfirm={remove}
              />
            )}
          </div>
        </div>
        {editing && (
          <div className="mt-4 border-t border-border pt-4">
            <EditLeadForm
              lead={lead}
              projects={projects}
              onCancel={() => setEditing(false)}
              onSaved={async (saved) => {
                setEditing(false);
                await settle(saved);
              }}
            />
          </div>
        )}
        <TagsEditor
          tags={lead.tags}
          disabled={deleted || patch.isPending}
          onChange={(tags) => patch.mutate({ tags })}
        />
      </section>

      <div className="grid gap-5 lg:grid-cols-2">
        <div className="space-y-5">
          <BantEditor lead={lead} disabled={deleted} onSaved={settle} />
          <BantSuggestions leadId={id} disabled={deleted} onAccepted={settle} />
          {canManage && !deleted && <HeatOverrideCard lead={lead} onSaved={settle} />}
          <LeadConversations
            leadId={id}
            hasPhone={Boolean(lead.phone)}
            email={lead.email}
            emailUndeliverable={lead.emailUndeliverable}
            conversations={conversations}
            channels={channels}
            preferredWhatsAppNumberId={preferredWhatsAppNumberId}
            disabled={deleted}
          />
          <LeadOutreachCard leadId={id} channels={channels} disabled={deleted} />
          <MeetingsCard leadId={id} />
          {!deleted && <LeadTasksCard leadId={id} />}
        </div>
        <Card title={t("activity")}>
          {!deleted && <NoteComposer leadId={id} onAdded={() => settle(null)} />}
          <LeadTimeline leadId={id} initialEvents={initialEvents} />
        </Card>
      </div>
    </div>
  );
}

function HeatPopover({ lead, breakdown }: { lead: LeadData; breakdown: Props["breakdown"] }) {
  const t = useTranslations("leads");
  const heatLine = useHeatLineText();
  const explanation = heatLinesText(lead.heatLines, heatLine);
  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <button
          type="button"
          className="rounded-full focus-visible:outline-2 focus-visible:outline-ring"
          aria-label={t("heatWhy", { level: t(`heat.${lead.heatLevel}`), score: lead.heatScore })}
        >
          <HeatBadge
            level={lead.heatLevel}
            score={lead.heatScore}
            overridden={lead.heatOverridden}
            className="px-3 py-1 text-sm"
          />
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={6}
          className="z-50 w-[min(24rem,calc(100vw-2rem))] rounded-md border border-border bg-surface p-4 text-sm shadow-lg"
          data-testid="heat-explanation"
        >
          <p className="font-semibold">{t("heatExplanation")}</p>
          {lead.heatOverride && (
            <p className="mt-2 rounded bg-warning-surface p-2 text-xs text-warning-muted-foreground">
              {t("overrideInfo", { level: t(`heat.${lead.heatOverride.level}`), reason: lead.heatOverride.reason })}
              {lead.heatOverride.expiresAt && (
                <>
                  {" "}
                  {t("overrideExpires")} <RelativeTime date={lead.heatOverride.expiresAt} />
                </>
              )}
            </p>
          )}
          {breakdown.length > 0 && (
            <>
              <p className="mt-3 text-xs font-medium text-subtle-foreground uppercase">{t("heatBreakdown")}</p>
              <ul className="mt-1 space-y-0.5" data-testid="heat-breakdown">
                {breakdown.map((line, i) => (
                  <li key={i} className="flex justify-between gap-3">
                    <span>{heatLine(line.line)}</span>
                    <span className="tabular-nums font-medium">{line.points}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="mt-3 text-xs font-medium text-subtle-foreground uppercase">{t("heatLatest")}</p>
          {explanation.length ? (
            <ul className="mt-1 list-disc space-y-1 ps-5 text-secondary-foreground">
              {explanation.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-subtle-foreground">{t("noExplanation")}</p>
          )}
          <Popover.Arrow className="fill-surface" />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function TagsEditor({
  tags,
  disabled,
  onChange,
}: {
  tags: string[];
  disabled: boolean;
  onChange: (tags: string[]) => void;
}) {
  const t = useTranslations("leads");
  const [draft, setDraft] = useState("");
  const add = () => {
    const tag = draft.trim().toLowerCase();
    if (!tag || tags.includes(tag)) return setDraft("");
    onChange([...tags, tag]);
    setDraft("");
  };
  return (
    <div className="mt-4 flex flex-wrap items-center gap-2 border-t border-border pt-4" data-testid="tags-editor">
      <span className="text-sm font-medium">{t("fields.tags")}</span>
      {tags.map((tag) => (
        <span key={tag} className="inline-flex items-center gap-1 rounded-full bg-muted ps-2 pe-1 py-0.5 text-xs">
          {tag}
          <button
            type="button"
            disabled={disabled}
            aria-label={t("removeTag", { tag })}
            onClick={() => onChange(tags.filter((x) => x !== tag))}
            className="rounded-full px-1 hover:bg-border-strong"
          >
            ×
          </button>
        </span>
      ))}
      <Form
        className="flex items-center gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <label htmlFor="new-tag" className="sr-only">
          {t("newTag")}
        </label>
        <Input
          size="sm"
          id="new-tag"
          value={draft}
          maxLength={40}
          disabled={disabled || tags.length >= 20}
          placeholder={t("newTag")}
          onChange={(e) => setDraft(e.target.value)}
          className="w-32 text-xs shadow-none"
        />
        <SubmitButton size="sm" variant="ghost" disabled={disabled || !draft.trim()}>
          {t("addTag")}
        </SubmitButton>
      </Form>
    </div>
  );
}

function HeatOverrideCard({ lead, onSaved }: { lead: LeadData; onSaved: (lead: LeadData) => Promise<void> }) {
  const t = useTranslations("leads");
  const timeZone = useTimeZone() ?? "UTC";
  const [level, setLevel] = useState<HeatLevel>(lead.heatOverride?.level ?? lead.heatLevel);
  const [reason, setReason] = useState("");
  const [expires, setExpires] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (body: { level: HeatLevel | null; reason: string; expiresAt: string | null }) =>
      api<{ lead: LeadData; explanation: string[] }>(`/api/v1/leads/${lead.id}/heat`, { body }),
    onMutate: () => {
      setErrors({});
      setMessage(null);
    },
    onSuccess: async (result) => {
      setReason("");
      setExpires("");
      setMessage(result.explanation.join("\n") || t("overrideSaved"));
      await onSaved(result.lead);
    },
    onError: (e) => setErrors(e instanceof ApiError ? (e.problem.errors ?? { _: [e.message] }) : { _: [String(e)] }),
  });
  return (
    <Card title={t("override.title")} description={t("override.description")}>
      <Form
        className="space-y-3"
        data-testid="heat-override"
        onSubmit={(e) => {
          e.preventDefault();
          // The input's wall-clock time means the user's own zone (their preference), not the browser's.
          const expiresAt = expires ? (fromDateTimeInput(expires, timeZone)?.toISOString() ?? expires) : null;
          send.mutate({ level, reason, expiresAt });
        }}
      >
        {lead.heatOverride && (
          <Alert tone="warning">
            {t("overrideInfo", { level: t(`heat.${lead.heatOverride.level}`), reason: lead.heatOverride.reason })}
          </Alert>
        )}
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField
            label={t("override.level")}
            value={level}
            onChange={(e) => setLevel(e.target.value as HeatLevel)}
            error={errors.level?.[0]}
          >
            {HEAT_LEVELS.map((h) => (
              <option key={h} value={h}>
                {t(`heat.${h}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t("override.expires")}
            type="datetime-local"
            value={expires}
            onChange={(e) => setExpires(e.target.value)}
            error={errors.expiresAt?.[0]}
          />
        </div>
        <TextField
          label={t("override.reason")}
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
          error={errors.reason?.[0]}
        />
        {errors._ && <Alert tone="error">{errors._[0]}</Alert>}
        {message && (
          <Alert tone="success" className="whitespace-pre-line">
            {message}
          </Alert>
        )}
        <div className="flex justify-end gap-2">
          {lead.heatOverride && (
            <Button
              variant="secondary"
              loading={send.isPending && send.variables?.level === null}
              onClick={() => send.mutate({ level: null, reason, expiresAt: null })}
            >
              {t("override.clear")}
            </Button>
          )}
          <SubmitButton loading={send.isPending && send.variables?.level !== null}>{t("override.apply")}</SubmitButton>
        </div>
      </Form>
    </Card>
  );
}
