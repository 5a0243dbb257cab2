"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { ProviderBadge, ThumbIcon } from "@/components/approvals/findings";
import { UpgradeLink } from "@/components/billing/upgrade-link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState, LoadingState } from "@/components/ui/states";
import { QueryErrorState } from "@/components/ui/query-error-state";
import { api, problemCode } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { AgentForm } from "./agent-form";
import { useAgentsOverview, useAgentTemplates, useRefreshAgents } from "./hooks";
import { TestConsole } from "./test-console";
import { fieldsFromTemplate, fieldsOf, type AgentData, type AgentFields, type TemplateData } from "./types";

type Props = { canSetAutoSend: boolean };

type Editor =
  | { mode: "pick" }
  | { mode: "create"; fields: AgentFields }
  | { mode: "edit"; agent: AgentData }
  | { mode: "test"; agent: AgentData }
  | null;

/** Agents for managers: what each one does, how its drafts fare, and the plan's room for more. */
export function AgentsView({ canSetAutoSend }: Props) {
  const t = useTranslations("agents");
  const tc = useTranslations("common");
  const tApprovals = useTranslations("approvals");
  const describe = useErrorText();
  const overview = useAgentsOverview();
  const [editor, setEditor] = useState<Editor>(null);
  const [problem, setProblem] = useState<{ text: string; planLimit: boolean } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = useRefreshAgents();
  const onProblem = (error: unknown) => {
    const code = problemCode(error);
    setProblem({ text: describe(error), planLimit: code === "plan_limit" });
  };
  const toggleActive = useMutation({
    mutationFn: (agent: AgentData) =>
      api<{ agent: AgentData }>(`/api/v1/agents/${agent.id}`, { method: "PATCH", body: { active: !agent.active } }),
    onMutate: () => {
      setProblem(null);
      setNotice(null);
    },
    onSuccess: ({ agent }) => {
      setNotice(
        agent.active ? t("notice.activated", { name: agent.name }) : t("notice.deactivated", { name: agent.name }),
      );
      void refresh();
    },
    onError: onProblem,
  });
  const remove = async (agent: AgentData) => {
    setProblem(null);
    setNotice(null);
    try {
      await api(`/api/v1/agents/${agent.id}`, { method: "DELETE" });
      setNotice(t("notice.deleted", { name: agent.name }));
      await refresh();
    } catch (error) {
      onProblem(error);
    }
  };

  if (overview.isPending) return <LoadingState label={tc("loading")} />;
  if (overview.isError) return <QueryErrorState query={overview} message={describe(overview.error)} />;

  const { agents, plan, provider } = overview.data;
  const full = plan.activeCount >= plan.activeLimit;
  const saved = (agent: AgentData, created: boolean) => {
    setEditor(null);
    setNotice(created ? t("notice.created", { name: agent.name }) : t("notice.saved", { name: agent.name }));
    void refresh();
  };

  return (
    <div className="space-y-5" data-testid="agents">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="mt-1 text-sm text-muted-foreground">{t("subtitle")}</p>
        </div>
        <Button onClick={() => setEditor({ mode: "pick" })} data-testid="new-agent">
          {t("new")}
        </Button>
      </div>

      <div className="grid gap-3 sm:grid-cols-2">
        <section className="rounded-lg border border-border bg-surface p-4" data-testid="plan-usage">
          <p className="text-sm font-medium">
            {t("plan.usage", { active: plan.activeCount, limit: plan.activeLimit, plan: t(`plan.names.${plan.name}`) })}
          </p>
          <div
            className="mt-2 h-2 overflow-hidden rounded-full bg-muted"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={plan.activeLimit}
            aria-valuenow={plan.activeCount}
            aria-label={t("plan.label")}
          >
            <div
              className={cn("h-full rounded-full", full ? "bg-dot-warning" : "bg-primary")}
              style={{ width: `${Math.min(100, (plan.activeCount / Math.max(1, plan.activeLimit)) * 100)}%` }}
            />
          </div>
          {full && (
            <p className="mt-2 text-xs text-warning-muted-foreground">
              {t("plan.full", { plan: t(`plan.names.${plan.name}`) })}
            </p>
          )}
        </section>
        <section className="rounded-lg border border-border bg-surface p-4" data-testid="provider">
          <div className="flex items-center gap-2">
            <p className="text-sm font-medium">{t("provider.title")}</p>
            <ProviderBadge provider={provider.name} model={provider.model} />
          </div>
          <p className="mt-2 text-xs text-subtle-foreground">
            {provider.name === "local"
              ? t("provider.local")
              : t("provider.openai", { label: tApprovals("provider.openaiModel", { model: provider.model }) })}
          </p>
        </section>
      </div>

      {problem && (
        <Alert tone={problem.planLimit ? "warning" : "error"} className="flex items-start justify-between gap-3">
          <span>
            <span className="block font-medium" data-testid="agents-problem">
              {problem.text}
            </span>
            {problem.planLimit && (
              <span className="mt-1 block text-xs">
                {t("planLimitHint")} <UpgradeLink />
              </span>
            )}
          </span>
          <button
            type="button"
            onClick={() => setProblem(null)}
            aria-label={tc("cancel")}
            className="opacity-70 hover:opacity-100"
          >
            ✕
          </button>
        </Alert>
      )}
      {notice && (
        <Alert tone="success" className="flex items-start justify-between gap-3">
          <span>{notice}</span>
          <button
            type="button"
            onClick={() => setNotice(null)}
            aria-label={tc("cancel")}
            className="opacity-70 hover:opacity-100"
          >
            ✕
          </button>
        </Alert>
      )}

      {agents.length === 0 ? (
        <EmptyState title={t("empty.title")}>
          <p>{t("empty.body")}</p>
          <Button className="mt-3" size="sm" onClick={() => setEditor({ mode: "pick" })}>
            {t("new")}
          </Button>
        </EmptyState>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" data-testid="agent-grid">
          {agents.map((agent) => (
            <AgentCard
              key={agent.id}
              agent={agent}
              onTest={() => setEditor({ mode: "test", agent })}
              onEdit={() => setEditor({ mode: "edit", agent })}
              onToggle={() => toggleActive.mutate(agent)}
              toggling={toggleActive.isPending && toggleActive.variables?.id === agent.id}
              onDelete={() => remove(agent)}
            />
          ))}
        </ul>
      )}

      <Dialog
        open={editor !== null}
        onOpenChange={(open) => !open && setEditor(null)}
        size={editor?.mode !== "pick" ? "lg" : "md"}
        title={
          editor?.mode === "pick"
            ? t("templates.title")
            : editor?.mode === "create"
              ? t("createTitle")
              : editor?.mode === "edit"
                ? t("editTitle", { name: editor.agent.name })
                : editor?.mode === "test"
                  ? t("test.title", { name: editor.agent.name })
                  : ""
        }
        description={
          editor?.mode === "pick"
            ? t("templates.description")
            : editor?.mode === "test"
              ? t("test.description")
              : editor?.mode === "create"
                ? t("createDescription")
                : t("editDescription")
        }
      >
        {editor?.mode === "pick" && (
          <TemplatePicker
            onPick={(template) =>
              setEditor({ mode: "create", fields: fieldsFromTemplate(template, agents.length === 0) })
            }
            warnFull={full}
            planName={t(`plan.names.${plan.name}`)}
          />
        )}
        {editor?.mode === "create" && (
          <AgentForm
            agent={null}
            initial={{ ...editor.fields, active: editor.fields.active && !full }}
            canSetAutoSend={canSetAutoSend}
            providerIsLocal={provider.name === "local"}
            models={provider.models}
            onSaved={(agent) => saved(agent, true)}
            onCancel={() => setEditor(null)}
          />
        )}
        {editor?.mode === "edit" && (
          <AgentForm
            agent={editor.agent}
            initial={fieldsOf(editor.agent)}
            canSetAutoSend={canSetAutoSend}
            providerIsLocal={provider.name === "local"}
            models={provider.models}
            onSaved={(agent) => saved(agent, false)}
            onCancel={() => setEditor(null)}
          />
        )}
        {editor?.mode === "test" && <TestConsole agent={editor.agent} />}
      </Dialog>
    </div>
  );
}

function AgentCard({
  agent,
  onTest,
  onEdit,
  onToggle,
  toggling,
  onDelete,
}: {
  agent: AgentData;
  onTest: () => void;
  onEdit: () => void;
  onToggle: () => void;
  toggling: boolean;
  onDelete: () => Promise<void>;
}) {
  const t = useTranslations("agents");
  const tc = useTranslations("common");
  const ta = useTranslations("conversationAgent");
  const { stats } = agent;
  const rate = stats.approvalRate === null ? "—" : `${Math.round(stats.approvalRate * 100)}%`;
  return (
    <li
      className={cn(
        "flex flex-col rounded-lg border bg-surface shadow-xs",
        agent.active ? "border-border" : "border-dashed border-border-strong opacity-80",
      )}
      data-testid="agent-card"
      data-agent-id={agent.id}
      aria-label={agent.name}
    >
      <div className="flex-1 space-y-3 p-4">
        <div className="flex items-start gap-2">
          <div className="min-w-0 flex-1">
            <h2 className="truncate text-base font-semibold">{agent.name}</h2>
            <p className="text-xs text-subtle-foreground">
              {t(`roles.${agent.role}`)} ·{" "}
              {t.has(`languages.${agent.language}`) ? t(`languages.${agent.language}`) : agent.language}
              {agent.model ? ` · ${agent.model}` : ""}
            </p>
          </div>
          <Badge tone={agent.active ? "success" : "neutral"}>{agent.active ? t("active") : t("inactive")}</Badge>
        </div>
        <div className="flex flex-wrap gap-1.5">
          {agent.isDefault && <Badge tone="primary">{t("default")}</Badge>}
          {agent.autoSend && (
            <Badge tone="danger">
              <span title={t("form.autoSendWarning")}>{t("autoSendOn")}</span>
            </Badge>
          )}
          {agent.schedulingUrl && <Badge>{t("schedulingLink")}</Badge>}
          {stats.conversations > 0 && (
            <Badge tone="ai">
              <span title={ta("answersHint")} data-testid="agent-conversations">
                {ta("answers", { count: stats.conversations })}
              </span>
            </Badge>
          )}
        </div>
        {agent.objectives && <p className="line-clamp-3 text-sm text-muted-foreground">{agent.objectives}</p>}
        <dl className="grid grid-cols-3 gap-2 border-t border-border pt-3 text-center" data-testid="agent-stats">
          <Stat label={t("stats.drafts")} value={String(stats.drafts)} />
          <Stat
            label={t("stats.approvalRate")}
            value={rate}
            hint={t("stats.approvalRateHint", { approved: stats.approved, rejected: stats.rejected })}
          />
          <Stat
            label={t("stats.edited")}
            value={String(stats.edited)}
            hint={
              stats.avgEditDistance === null
                ? undefined
                : t("stats.avgEditDistance", { chars: Math.round(stats.avgEditDistance) })
            }
          />
          <Stat
            label={t("stats.thumbs")}
            hint={t("stats.thumbsHint", { up: stats.thumbsUp, down: stats.thumbsDown })}
            value={
              <span
                className="inline-flex items-center gap-1.5"
                aria-label={t("stats.thumbsHint", { up: stats.thumbsUp, down: stats.thumbsDown })}
              >
                <ThumbIcon className="size-3.5 text-success-text" /> {stats.thumbsUp}
                <ThumbIcon down className="size-3.5 text-danger-text" /> {stats.thumbsDown}
              </span>
            }
          />
          <Stat label={t("stats.meetings")} value={String(stats.meetingsBooked)} />
          <Stat
            label={t("stats.avgEdit")}
            value={
              stats.avgEditDistance === null ? "—" : t("stats.chars", { chars: Math.round(stats.avgEditDistance) })
            }
          />
        </dl>
      </div>
      <div className="flex flex-wrap gap-1.5 border-t border-border p-3">
        <Button size="sm" onClick={onTest} data-testid="agent-test">
          {t("test.open")}
        </Button>
        <Button size="sm" variant="secondary" onClick={onEdit}>
          {t("edit")}
        </Button>
        <Button size="sm" variant="ghost" loading={toggling} onClick={onToggle}>
          {agent.active ? t("deactivate") : t("activate")}
        </Button>
        <ConfirmDialog
          trigger={
            <Button size="sm" variant="ghost" className="ms-auto text-danger-text">
              {t("delete")}
            </Button>
          }
          title={t("deleteTitle", { name: agent.name })}
          description={t("deleteBody")}
          confirmLabel={t("delete")}
          cancelLabel={tc("cancel")}
          onConfirm={onDelete}
        />
      </div>
    </li>
  );
}

function Stat({ label, value, hint }: { label: string; value: ReactNode; hint?: string }) {
  return (
    <div title={hint}>
      <dt className="text-[11px] text-subtle-foreground">{label}</dt>
      <dd className="text-sm font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

function TemplatePicker({
  onPick,
  warnFull,
  planName,
}: {
  onPick: (template: TemplateData) => void;
  warnFull: boolean;
  planName: string;
}) {
  const t = useTranslations("agents");
  const tc = useTranslations("common");
  const describe = useErrorText();
  const templates = useAgentTemplates();
  if (templates.isPending) return <LoadingState label={tc("loading")} />;
  if (templates.isError) return <QueryErrorState query={templates} message={describe(templates.error)} />;
  return (
    <div className="space-y-3">
      {warnFull && <Alert tone="warning">{t("plan.createInactive", { plan: planName })}</Alert>}
      <ul className="grid gap-2" data-testid="agent-templates">
        {templates.data.templates.map((template) => (
          <li key={template.role}>
            <button
              type="button"
              onClick={() => onPick(template)}
              className="w-full rounded-lg border border-border p-3 text-start hover:border-primary-border hover:bg-primary-surface/50 focus-visible:outline-2 focus-visible:outline-ring"
            >
              <span className="flex items-center gap-2">
                <span className="font-medium">{template.name}</span>
                <Badge>{t(`roles.${template.role}`)}</Badge>
              </span>
              <span className="mt-1 line-clamp-2 block text-xs text-subtle-foreground">{template.objectives}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
