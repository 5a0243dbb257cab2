"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { Form, SubmitButton } from "@/components/ui/form";
import { Menu, MenuContent, MenuItem, MenuLabel, MenuSeparator, MenuTrigger } from "@/components/ui/menu";

import type { SavedView, SavedViewDefinition } from "@/lib/saved-views/schema";
import { useSavedViews } from "./hooks";
import { useErrorText } from "@/lib/client/use-error-text";

type Editing = { mode: "create" } | { mode: "rename"; view: SavedView } | { mode: "delete"; view: SavedView } | null;

/**
 * The lead list's saved views: apply one, save the current filters, sort and columns under a
 * name, rename or delete one. Views are the user's own, per organization (lib/saved-views).
 */
export function SavedViewsMenu({
  current,
  onApply,
}: {
  current: SavedViewDefinition;
  onApply: (definition: SavedViewDefinition) => void;
}) {
  const t = useTranslations("leads.savedViews");
  const tc = useTranslations("common");
  const describe = useErrorText();
  const { views, create, update, remove } = useSavedViews();
  const [editing, setEditing] = useState<Editing>(null);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const list = views.data ?? [];

  const open = (next: Editing) => {
    setError(null);
    setName(next?.mode === "rename" ? next.view.name : "");
    setEditing(next);
  };
  const close = () => setEditing(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const options = { onSuccess: close, onError: (e: unknown) => setError(describe(e)) };
    if (editing?.mode === "create") create.mutate({ name, definition: current }, options);
    else if (editing?.mode === "rename") update.mutate({ id: editing.view.id, name }, options);
  };
  const busy = create.isPending || update.isPending || remove.isPending;

  return (
    <>
      <Menu>
        <MenuTrigger asChild>
          <Button size="sm" variant="secondary" data-testid="saved-views">
            {t("menu")}
          </Button>
        </MenuTrigger>
        <MenuContent align="end">
          {list.length === 0 ? (
            <MenuLabel>{views.isError ? tc("loadError") : t("none")}</MenuLabel>
          ) : (
            list.map((view) => (
              <MenuItem key={view.id} onSelect={() => onApply(view.definition)}>
                {view.name}
              </MenuItem>
            ))
          )}
          <MenuSeparator />
          <MenuItem onSelect={() => open({ mode: "create" })}>{t("save")}</MenuItem>
          {list.length > 0 && (
            <>
              <MenuSeparator />
              <MenuLabel>{t("manage")}</MenuLabel>
              {list.map((view) => (
                <MenuItem key={`rename-${view.id}`} onSelect={() => open({ mode: "rename", view })}>
                  {t("renameOne", { name: view.name })}
                </MenuItem>
              ))}
              {list.map((view) => (
                <MenuItem key={`delete-${view.id}`} onSelect={() => open({ mode: "delete", view })}>
                  {t("deleteOne", { name: view.name })}
                </MenuItem>
              ))}
            </>
          )}
        </MenuContent>
      </Menu>

      <Dialog
        open={editing?.mode === "create" || editing?.mode === "rename"}
        onOpenChange={(next) => !next && close()}
        title={editing?.mode === "rename" ? t("renameTitle") : t("saveTitle")}
        description={editing?.mode === "rename" ? t("renameIntro") : t("saveIntro")}
        size="sm"
      >
        <Form onSubmit={submit} className="space-y-4">
          <TextField
            label={t("name")}
            value={name}
            maxLength={80}
            required
            autoFocus
            onChange={(event) => setName(event.target.value)}
            error={error ?? undefined}
          />
          <DialogActions cancelLabel={tc("cancel")}>
            <SubmitButton disabled={busy || !name.trim()}>{tc("save")}</SubmitButton>
          </DialogActions>
        </Form>
      </Dialog>

      <Dialog
        open={editing?.mode === "delete"}
        onOpenChange={(next) => !next && close()}
        title={t("deleteTitle")}
        description={editing?.mode === "delete" ? t("deleteIntro", { name: editing.view.name }) : ""}
        size="sm"
      >
        {error && <Alert tone="error">{error}</Alert>}
        <DialogActions cancelLabel={tc("cancel")}>
          <Button
            type="button"
            variant="danger"
            disabled={busy}
            onClick={() =>
              editing?.mode === "delete" &&
              remove.mutate(editing.view.id, { onSuccess: close, onError: (e) => setError(describe(e)) })
            }
          >
            {t("delete")}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
