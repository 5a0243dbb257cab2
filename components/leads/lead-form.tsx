"use client";

import { forwardRef, type SelectHTMLAttributes } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Form, SubmitButton } from "@/components/ui/form";
import { SelectField, TextField } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { useApiForm } from "@/lib/client/use-api-form";
import { createLeadSchema, leadFieldsSchema, LEAD_STATUSES } from "@/lib/leads/schema";
import { useRefreshLeadLists } from "./hooks";
import type { LeadData, ProjectOption } from "./types";

const emptyToNull = (value: unknown) => (value === "" ? null : value);

/** New lead: the route handler's own schema validates first, server field errors land on the same inputs. */
export function CreateLeadForm({ projects }: { projects: ProjectOption[] }) {
  const t = useTranslations("leads");
  const router = useRouter();
  const refreshLists = useRefreshLeadLists();
  const { form, submit, formError } = useApiForm(createLeadSchema, {
    defaultValues: { name: "", email: "", phone: "", company: "", title: "", projectId: null, status: "new" },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <Form
      className="space-y-4"
      onSubmit={submit(async (values) => {
        const { lead } = await api<{ lead: LeadData }>("/api/v1/leads", { body: values });
        await refreshLists();
        router.push(`/leads/${lead.id}`);
      })}
    >
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextField
        label={t("fields.name")}
        autoComplete="off"
        required
        error={errors.name?.message}
        {...form.register("name")}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t("fields.email")}
          type="email"
          autoComplete="off"
          error={errors.email?.message}
          {...form.register("email")}
        />
        <TextField
          label={t("fields.phone")}
          type="tel"
          autoComplete="off"
          hint={t("fields.phoneHint")}
          error={errors.phone?.message}
          {...form.register("phone")}
        />
        <TextField label={t("fields.company")} error={errors.company?.message} {...form.register("company")} />
        <TextField label={t("fields.title")} error={errors.title?.message} {...form.register("title")} />
        <ProjectSelect
          projects={projects}
          error={errors.projectId?.message}
          {...form.register("projectId", { setValueAs: emptyToNull })}
        />
        <SelectField label={t("fields.status")} error={errors.status?.message} {...form.register("status")}>
          {LEAD_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={() => router.back()}>
          {t("cancel")}
        </Button>
        <SubmitButton loading={isSubmitting}>{t("create")}</SubmitButton>
      </div>
    </Form>
  );
}

const editSchema = leadFieldsSchema.pick({
  name: true,
  email: true,
  phone: true,
  company: true,
  title: true,
  projectId: true,
});

/** The lead's contact fields. */
export function EditLeadForm({
  lead,
  projects,
  onSaved,
  onCancel,
}: {
  lead: LeadData;
  projects: ProjectOption[];
  onSaved: (lead: LeadData) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("leads");
  const { form, submit, formError } = useApiForm(editSchema, {
    defaultValues: {
      name: lead.name,
      email: lead.email ?? "",
      phone: lead.phone ?? "",
      company: lead.company ?? "",
      title: lead.title ?? "",
      projectId: lead.projectId,
    },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <Form
      className="space-y-4"
      data-testid="edit-lead-form"
      onSubmit={submit(async (values) => {
        const { lead: saved } = await api<{ lead: LeadData }>(`/api/v1/leads/${lead.id}`, {
          method: "PATCH",
          body: values,
        });
        onSaved(saved);
      })}
    >
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextField label={t("fields.name")} error={errors.name?.message} {...form.register("name")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t("fields.email")} type="email" error={errors.email?.message} {...form.register("email")} />
        <TextField label={t("fields.phone")} type="tel" error={errors.phone?.message} {...form.register("phone")} />
        <TextField label={t("fields.company")} error={errors.company?.message} {...form.register("company")} />
        <TextField label={t("fields.title")} error={errors.title?.message} {...form.register("title")} />
      </div>
      <ProjectSelect
        projects={projects}
        error={errors.projectId?.message}
        {...form.register("projectId", { setValueAs: emptyToNull })}
      />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          {t("cancel")}
        </Button>
        <SubmitButton loading={isSubmitting}>{t("saveDetails")}</SubmitButton>
      </div>
    </Form>
  );
}

const ProjectSelect = forwardRef<
  HTMLSelectElement,
  SelectHTMLAttributes<HTMLSelectElement> & { projects: ProjectOption[]; error?: string }
>(function ProjectSelect({ projects, error, ...props }, ref) {
  const t = useTranslations("leads");
  return (
    <SelectField ref={ref} label={t("fields.project")} error={error} {...props}>
      <option value="">{t("noProject")}</option>
      {projects.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </SelectField>
  );
});
