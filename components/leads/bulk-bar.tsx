"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { LEAD_STATUSES } from "@/lib/leads/schema";
import type { MemberOption, ProjectOption } from "./types";

/** Changes for the ticked leads: owner (managers), status, project, add or remove a tag. */
export function BulkBar({
  count,
  busy,
  canManage,
  members,
  projects,
  onApply,
  onClear,
}: {
  count: number;
  busy: boolean;
  canManage: boolean;
  members: MemberOption[];
  projects: ProjectOption[];
  onApply: (changes: Record<string, unknown>) => void;
  onClear: () => void;
}) {
  const t = useTranslations("leads");
  const [tag, setTag] = useState("");
  const cleanTag = tag.trim().toLowerCase();
  return (
    <div
      role="region"
      aria-label={t("bulk.label")}
      className="flex flex-wrap items-end gap-3 rounded-lg border border-primary-border bg-primary-surface p-3"
      data-testid="bulk-bar"
    >
      <p className="self-center text-sm font-medium">{t("bulk.selected", { count })}</p>
      {canManage && (
        <SelectField
          label={t("bulk.assign")}
          value=""
          disabled={busy}
          onChange={(e) => e.target.value && onApply({ ownerId: e.target.value === "none" ? null : e.target.value })}
        >
          <option value="">{t("bulk.choose")}</option>
          <option value="none">{t("unassigned")}</option>
          {members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </SelectField>
      )}
      <SelectField
        label={t("bulk.status")}
        value=""
        disabled={busy}
        onChange={(e) => e.target.value && onApply({ status: e.target.value })}
      >
        <option value="">{t("bulk.choose")}</option>
        {LEAD_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`status.${s}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("bulk.project")}
        value=""
        disabled={busy}
        onChange={(e) => e.target.value && onApply({ projectId: e.target.value === "none" ? null : e.target.value })}
      >
        <option value="">{t("bulk.choose")}</option>
        <option value="none">{t("noProject")}</option>
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <div className="flex items-end gap-1">
        <div className="space-y-1">
          <label htmlFor="bulk-tag" className="block text-sm font-medium text-foreground-soft">
            {t("bulk.tag")}
          </label>
          <Input
            id="bulk-tag"
            value={tag}
            maxLength={40}
            onChange={(e) => setTag(e.target.value)}
            className="w-36 shadow-none"
          />
        </div>
        <Button variant="secondary" disabled={!cleanTag || busy} onClick={() => onApply({ addTags: [cleanTag] })}>
          {t("bulk.addTag")}
        </Button>
        <Button variant="secondary" disabled={!cleanTag || busy} onClick={() => onApply({ removeTags: [cleanTag] })}>
          {t("bulk.removeTag")}
        </Button>
      </div>
      <Button variant="ghost" onClick={onClear} className="ms-auto">
        {busy ? <Spinner className="size-4" /> : null}
        {t("bulk.clear")}
      </Button>
    </div>
  );
}
