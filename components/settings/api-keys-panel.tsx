"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { Form, SubmitButton } from "@/components/ui/form";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { Table, TBody, TCell, THead, THeader, TRow } from "@/components/ui/table";
import type { ApiKey } from "@/lib/auth/api-key-schema";
import { API_RESOURCES, type ApiResource, type ApiScope } from "@/lib/auth/api-scopes";
import { api, ApiError } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { settingsKeys } from "./keys";
import { SecretOnce } from "./secret-once";

type Access = "none" | "read" | "write";
const EXPIRY_DAYS = ["never", "7", "30", "90", "365"] as const;
const apiKeysKey = () => [...settingsKeys.all, "api-keys"] as const;

/** Settings → API keys: create (the secret shown once), list, revoke. Admins only. */
export function ApiKeysPanel({ initialKeys }: { initialKeys: ApiKey[] }) {
  const t = useTranslations("apiKeys");
  const tc = useTranslations("common");
  const format = useFormatter();
  const describe = useErrorText();
  const queryClient = useQueryClient();
  const keys = useQuery({
    queryKey: apiKeysKey(),
    queryFn: async () => (await api<{ apiKeys: ApiKey[] }>("/api/v1/api-keys")).apiKeys,
    initialData: initialKeys,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: apiKeysKey() });

  const [name, setName] = useState("");
  const [access, setAccess] = useState<Record<ApiResource, Access>>(
    () => Object.fromEntries(API_RESOURCES.map((r) => [r, "none"])) as Record<ApiResource, Access>,
  );
  const [expiry, setExpiry] = useState<(typeof EXPIRY_DAYS)[number]>("never");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);

  const scopes = API_RESOURCES.flatMap((r) => (access[r] === "none" ? [] : [`${r}:${access[r]}` as ApiScope]));
  const dateTime = (value: string | null) =>
    value ? format.dateTime(new Date(value), { dateStyle: "medium", timeStyle: "short" }) : t("never");

  return (
    <div className="space-y-6">
      <Card
        title={t("createTitle")}
        description={t("description")}
        actions={
          <Link href="/docs/api" className="text-sm text-primary-text hover:underline">
            {t("docs")}
          </Link>
        }
      >
        <Form
          className="space-y-4"
          onSubmit={async (event) => {
            event.preventDefault();
            setBusy(true);
            setErrors({});
            setFormError(null);
            try {
              const expiresAt =
                expiry === "never" ? null : new Date(Date.now() + Number(expiry) * 86_400_000).toISOString();
              const answer = await api<{ key: string; apiKey: ApiKey }>("/api/v1/api-keys", {
                body: { name, scopes, expiresAt },
              });
              setCreated({ key: answer.key, name: answer.apiKey.name });
              setName("");
              setAccess(Object.fromEntries(API_RESOURCES.map((r) => [r, "none"])) as Record<ApiResource, Access>);
              setExpiry("never");
              await refresh();
            } catch (error) {
              if (error instanceof ApiError && error.problem.errors) setErrors(error.problem.errors);
              setFormError(describe(error));
            } finally {
              setBusy(false);
            }
          }}
        >
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField
              label={t("name")}
              hint={t("nameHint")}
              value={name}
              maxLength={80}
              required
              error={errors.name?.[0]}
              onChange={(e) => setName(e.target.value)}
            />
            <SelectField
              label={t("expiry")}
              value={expiry}
              error={errors.expiresAt?.[0]}
              onChange={(e) => setExpiry(e.target.value as (typeof EXPIRY_DAYS)[number])}
            >
              {EXPIRY_DAYS.map((days) => (
                <option key={days} value={days}>
                  {days === "never" ? t("expiryNever") : t("expiryDays", { days: Number(days) })}
                </option>
              ))}
            </SelectField>
          </div>
          <fieldset>
            <legend className="mb-2 text-sm font-medium text-foreground-soft">{t("scopes")}</legend>
            <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
              {API_RESOURCES.map((resource) => (
                <SelectField
                  key={resource}
                  label={t(`resources.${resource}`)}
                  value={access[resource]}
                  onChange={(e) => setAccess({ ...access, [resource]: e.target.value as Access })}
                >
                  <option value="none">{t("accessNone")}</option>
                  <option value="read">{t("accessRead")}</option>
                  <option value="write">{t("accessWrite")}</option>
                </SelectField>
              ))}
            </div>
            {errors.scopes && (
              <p role="alert" className="mt-2 text-sm text-danger-text">
                {errors.scopes[0]}
              </p>
            )}
          </fieldset>
          {formError && <Alert tone="error">{formError}</Alert>}
          <SubmitButton loading={busy} disabled={!name.trim() || scopes.length === 0}>
            {t("create")}
          </SubmitButton>
        </Form>
      </Card>

      {created && (
        <SecretOnce
          secret={created.key}
          label={t("secretLabel")}
          title={t("createdTitle", { name: created.name })}
          warning={t("createdHint")}
          doneLabel={t("done")}
          onDone={() => setCreated(null)}
          testId="new-api-key"
        />
      )}

      <Card title={t("listTitle")}>
        {rowError && (
          <Alert tone="error" className="mb-3">
            {rowError}
          </Alert>
        )}
        {keys.isPending ? (
          <LoadingState label={tc("loading")} />
        ) : keys.isError ? (
          <ErrorState message={tc("loadError")} />
        ) : keys.data.length === 0 ? (
          <EmptyState title={t("empty")} />
        ) : (
          <div className="overflow-x-auto">
            <Table data-testid="api-keys-list">
              <THead>
                <TRow>
                  <THeader>{t("name")}</THeader>
                  <THeader>{t("prefix")}</THeader>
                  <THeader>{t("scopes")}</THeader>
                  <THeader>{t("lastUsed")}</THeader>
                  <THeader>{t("expires")}</THeader>
                  <THeader>
                    <span className="sr-only">{t("actions")}</span>
                  </THeader>
                </TRow>
              </THead>
              <TBody>
                {keys.data.map((key) => (
                  <TRow key={key.id}>
                    <TCell className="font-medium">
                      {key.name} {key.revokedAt && <Badge tone="danger">{t("revoked")}</Badge>}
                    </TCell>
                    <TCell>
                      <code dir="ltr" className="text-xs">
                        {key.prefix}…
                      </code>
                    </TCell>
                    <TCell>
                      <ul className="flex flex-wrap gap-1">
                        {key.scopes.map((scope) => {
                          const [resource, level] = scope.split(":") as [ApiResource, "read" | "write"];
                          return (
                            <li key={scope}>
                              <Badge>
                                {t(`resources.${resource}`)}: {level === "write" ? t("accessWrite") : t("accessRead")}
                              </Badge>
                            </li>
                          );
                        })}
                      </ul>
                    </TCell>
                    <TCell className="text-sm">
                      {dateTime(key.lastUsedAt)}
                      {key.lastUsedIp && (
                        <span dir="ltr" className="block text-xs text-subtle-foreground">
                          {key.lastUsedIp}
                        </span>
                      )}
                    </TCell>
                    <TCell className="text-sm">{dateTime(key.expiresAt)}</TCell>
                    <TCell>
                      {!key.revokedAt && (
                        <ConfirmDialog
                          trigger={
                            <Button size="sm" variant="secondary" aria-label={t("revokeLabel", { name: key.name })}>
                              {t("revoke")}
                            </Button>
                          }
                          title={t("revokeTitle", { name: key.name })}
                          description={t("revokeDescription")}
                          confirmLabel={t("revoke")}
                          cancelLabel={tc("cancel")}
                          onConfirm={async () => {
                            setRowError(null);
                            try {
                              await api(`/api/v1/api-keys/${key.id}`, { method: "DELETE" });
                              await refresh();
                            } catch (error) {
                              setRowError(describe(error));
                            }
                          }}
                        />
                      )}
                    </TCell>
                  </TRow>
                ))}
              </TBody>
            </Table>
          </div>
        )}
      </Card>
    </div>
  );
}
