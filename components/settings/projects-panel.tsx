"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Form, SubmitButton } from "@/components/ui/form";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { Checkbox } from "@/components/ui/input";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { useApiForm } from "@/lib/client/use-api-form";
import type { Project } from "@/lib/orgs/projects";
import { projectSchema } from "@/lib/orgs/schema";
import { settingsKeys } from "./keys";

export function ProjectsPanel({ initialProjects, canManage }: { initialProjects: Project[]; canManage: boolean }) {
  const t = useTranslations();
  const describe = useErrorText();
  const queryClient = useQueryClient();
  const [showArchived, setShowArchived] = useState(false);
  const [rowError, setRowError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const projects = useQuery({
    queryKey: settingsKeys.projects(),
    queryFn: async () => (await api<{ projects: Project[] }>("/api/v1/projects?archived=true")).projects,
    initialData: initialProjects,
  });
  const { form, submit, formError } = useApiForm(projectSchema, { defaultValues: { name: "", description: "" } });
  const { errors, isSubmitting } = form.formState;
  const refresh = () => queryClient.invalidateQueries({ queryKey: settingsKeys.projects() });
  const update = async (id: string, changes: Record<string, unknown>) => {
    setRowError(null);
    try {
      await api(`/api/v1/projects/${id}`, { method: "PATCH", body: changes });
      await refresh();
    } catch (e) {
      setRowError(describe(e));
    }
  };
  const visible = (projects.data ?? []).filter((p) => showArchived || !p.archivedAt);

  return (
    <Card
      title={t("projects.title")}
      description={canManage ? t("projects.description") : t("projects.managerOnly")}
      actions={
        <label className="flex items-center gap-2 text-sm">
          <Checkbox checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
          {t("projects.showArchived")}
        </label>
      }
    >
      {canManage && (
        <Form
          className="mb-5 grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
          onSubmit={submit(async (values) => {
            await api("/api/v1/projects", { body: values });
            form.reset();
            await refresh();
          })}
        >
          <TextField label={t("common.name")} error={errors.name?.message} {...form.register("name")} />
          <TextField
            label={t("common.description")}
            error={errors.description?.message}
            {...form.register("description")}
          />
          <SubmitButton loading={isSubmitting}>{t("projects.create")}</SubmitButton>
        </Form>
      )}
      {formError && (
        <Alert tone="error" className="mb-3">
          {formError}
        </Alert>
      )}
      {rowError && (
        <Alert tone="error" className="mb-3">
          {rowError}
        </Alert>
      )}
      {projects.isPending ? (
        <LoadingState label={t("common.loading")} />
      ) : projects.isError ? (
        <ErrorState message={t("common.loadError")} />
      ) : visible.length === 0 ? (
        <EmptyState title={t("projects.empty")} />
      ) : (
        <ul className="divide-y divide-border" data-testid="projects-list">
          {visible.map((project) => (
            <li key={project.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              {editing === project.id ? (
                <RenameProjectForm
                  project={project}
                  onDone={async (name) => {
                    if (name !== undefined && name !== project.name) await update(project.id, { name });
                    setEditing(null);
                  }}
                />
              ) : (
                <div className="min-w-0">
                  <p className="text-sm font-medium">
                    {project.name} {project.archivedAt && <Badge>{t("projects.archived")}</Badge>}
                  </p>
                  {project.description && (
                    <p className="truncate text-xs text-subtle-foreground">{project.description}</p>
                  )}
                </div>
              )}
              {canManage && editing !== project.id && (
                <div className="flex gap-2">
                  <Button size="sm" variant="ghost" onClick={() => setEditing(project.id)}>
                    {t("projects.rename")}
                  </Button>
                  <Button
                    size="sm"
                    variant="secondary"
                    onClick={() => update(project.id, { archived: !project.archivedAt })}
                  >
                    {project.archivedAt ? t("projects.restore") : t("projects.archive")}
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function RenameProjectForm({ project, onDone }: { project: Project; onDone: (name?: string) => Promise<void> }) {
  const t = useTranslations();
  const [name, setName] = useState(project.name);
  const [busy, setBusy] = useState(false);
  return (
    <Form
      className="flex flex-1 items-end gap-2"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        await onDone(name.trim());
        setBusy(false);
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") void onDone();
      }}
    >
      <TextField
        className="flex-1"
        label={t("projects.rename")}
        value={name}
        autoFocus
        maxLength={120}
        onChange={(e) => setName(e.target.value)}
      />
      <SubmitButton size="sm" loading={busy} disabled={!name.trim()}>
        {t("common.save")}
      </SubmitButton>
      <Button size="sm" variant="ghost" onClick={() => onDone()}>
        {t("common.cancel")}
      </Button>
    </Form>
  );
}
