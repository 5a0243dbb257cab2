"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { RelativeTime } from "@/components/leads/relative-time";
import { SecretOnce } from "@/components/settings/secret-once";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/field";
import { Form, SubmitButton } from "@/components/ui/form";
import { Checkbox } from "@/components/ui/input";
import { EmptyState } from "@/components/ui/states";
import { QueryErrorState } from "@/components/ui/query-error-state";
import { Table, TBody, TCell, THead, THeader, TRow } from "@/components/ui/table";
import { ApiError } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { eventLabelKey, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/lib/webhooks/events";
import type { WebhookDelivery, WebhookEndpoint } from "@/lib/webhooks/schema";
import {
  useCreateEndpoint,
  useDeleteEndpoint,
  useDeliveries,
  useResend,
  useRotateSecret,
  useSendTest,
  useUpdateEndpoint,
  useWebhookEndpoints,
} from "./hooks";

type Notice = { tone: "error" | "success"; text: string } | null;

/** Settings → Webhooks: endpoints, their secrets (shown once), test events and delivery logs. */
export function WebhooksPanel({ initialEndpoints }: { initialEndpoints: WebhookEndpoint[] }) {
  const t = useTranslations("webhooks");
  const endpoints = useWebhookEndpoints(initialEndpoints);
  const [secret, setSecret] = useState<{ endpointId: string; value: string } | null>(null);
  const rows = endpoints.data ?? [];

  return (
    <div className="space-y-6">
      <AddEndpoint onCreated={(endpointId, value) => setSecret({ endpointId, value })} />
      {secret && (
        <SecretOnce
          secret={secret.value}
          label={t("secretTitle")}
          title={t("secretTitle")}
          warning={t("secretOnce")}
          doneLabel={t("secretDone")}
          onDone={() => setSecret(null)}
          testId="webhook-secret"
        />
      )}
      <Card title={t("endpointsTitle")} description={t("endpointsDescription")}>
        {endpoints.isError ? (
          <QueryErrorState query={endpoints} />
        ) : rows.length === 0 ? (
          <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState>
        ) : (
          <ul className="space-y-4" data-testid="webhook-endpoints">
            {rows.map((endpoint) => (
              <EndpointItem
                key={endpoint.id}
                endpoint={endpoint}
                onSecret={(value) => setSecret({ endpointId: endpoint.id, value })}
              />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

function AddEndpoint({ onCreated }: { onCreated: (endpointId: string, secret: string) => void }) {
  const t = useTranslations("webhooks");
  const describe = useErrorText();
  const create = useCreateEndpoint();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [types, setTypes] = useState<Set<WebhookEventType>>(new Set());
  const fieldErrors: Record<string, string[]> =
    create.error instanceof ApiError ? (create.error.problem.errors ?? {}) : {};
  const otherError = create.error && !Object.keys(fieldErrors).length ? describe(create.error) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await create
      .mutateAsync({ url: url.trim(), description: description.trim() || undefined, eventTypes: [...types] })
      .catch(() => null);
    if (!created) return;
    onCreated(created.endpoint.id, created.secret);
    setUrl("");
    setDescription("");
    setTypes(new Set());
  };
  const toggle = (type: WebhookEventType, on: boolean) =>
    setTypes((current) => {
      const next = new Set(current);
      if (on) next.add(type);
      else next.delete(type);
      return next;
    });

  return (
    <Card title={t("title")} description={t("description")}>
      <Form className="space-y-4" onSubmit={submit}>
        <TextField
          label={t("url")}
          type="url"
          inputMode="url"
          placeholder="https://example.com/hooks/kiln"
          hint={t("urlHint")}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={fieldErrors.url?.[0]}
          required
          dir="ltr"
        />
        <TextField
          label={t("descriptionLabel")}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={fieldErrors.description?.[0]}
          maxLength={500}
        />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-foreground-soft">{t("events")}</legend>
          <label className="flex items-center gap-2 text-sm">
            <Checkbox
              checked={types.size === WEBHOOK_EVENT_TYPES.length}
              onChange={(e) => setTypes(new Set(e.target.checked ? WEBHOOK_EVENT_TYPES : []))}
            />
            {t("allEvents")}
          </label>
          <div className="grid gap-2 sm:grid-cols-2">
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <label key={type} className="flex items-start gap-2 text-sm">
                <Checkbox
                  className="mt-0.5"
                  name="eventTypes"
                  value={type}
                  checked={types.has(type)}
                  onChange={(e) => toggle(type, e.target.checked)}
                />
                <span>
                  <span className="font-mono text-xs" dir="ltr">
                    {type}
                  </span>
                  <span className="block text-xs text-subtle-foreground">{t(`eventTypes.${eventLabelKey(type)}`)}</span>
                </span>
              </label>
            ))}
          </div>
          {fieldErrors.eventTypes?.[0] && (
            <p role="alert" className="text-sm text-danger-text">
              {fieldErrors.eventTypes[0]}
            </p>
          )}
        </fieldset>
        {otherError && <Alert tone="error">{otherError}</Alert>}
        <SubmitButton loading={create.isPending}>{t("add")}</SubmitButton>
      </Form>
    </Card>
  );
}

function EndpointItem({ endpoint, onSecret }: { endpoint: WebhookEndpoint; onSecret: (secret: string) => void }) {
  const t = useTranslations("webhooks");
  const tc = useTranslations("common");
  const describe = useErrorText();
  const update = useUpdateEndpoint();
  const remove = useDeleteEndpoint();
  const rotate = useRotateSecret();
  const test = useSendTest();
  const [showLog, setShowLog] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const fail = (error: unknown) => setNotice({ tone: "error", text: describe(error) });

  return (
    <li className="rounded-md border border-border p-4" data-testid="webhook-endpoint">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <p className="font-mono text-sm break-all" dir="ltr">
            {endpoint.url}
          </p>
          {endpoint.description && <p className="text-sm text-subtle-foreground">{endpoint.description}</p>}
          <div className="flex flex-wrap items-center gap-2">
            {endpoint.enabled ? (
              <Badge tone="success">{t("enabled")}</Badge>
            ) : (
              <Badge tone={endpoint.disabledReason === "failing" ? "danger" : "neutral"}>
                {endpoint.disabledReason === "failing" ? t("disabledFailing") : t("disabled")}
              </Badge>
            )}
            {endpoint.enabled && endpoint.failingSince && (
              <Badge tone="warning">
                {t("failingSince")} <RelativeTime date={endpoint.failingSince} />
              </Badge>
            )}
            <span className="text-xs text-subtle-foreground">
              {t("secretHint")} <code dir="ltr">{endpoint.secretHint}</code>
            </span>
            {endpoint.previousSecretExpiresAt && new Date(endpoint.previousSecretExpiresAt) > new Date() && (
              <span className="text-xs text-subtle-foreground">
                {t("previousSecretUntil")} <RelativeTime date={endpoint.previousSecretExpiresAt} />
              </span>
            )}
          </div>
          <p className="text-xs text-subtle-foreground">
            {endpoint.eventTypes.map((type) => (
              <code key={type} className="me-2" dir="ltr">
                {type}
              </code>
            ))}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            variant="secondary"
            loading={test.isPending}
            onClick={() =>
              test.mutate(endpoint.id, {
                onSuccess: () => {
                  setNotice({ tone: "success", text: t("testQueued") });
                  setShowLog(true);
                },
                onError: fail,
              })
            }
          >
            {t("sendTest")}
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setShowLog((v) => !v)} aria-expanded={showLog}>
            {showLog ? t("hideLog") : t("showLog")}
          </Button>
          <Button
            size="sm"
            variant="secondary"
            loading={update.isPending}
            onClick={() =>
              update.mutate(
                { id: endpoint.id, enabled: !endpoint.enabled },
                {
                  onSuccess: () =>
                    setNotice({ tone: "success", text: endpoint.enabled ? t("nowDisabled") : t("nowEnabled") }),
                  onError: fail,
                },
              )
            }
          >
            {endpoint.enabled ? t("disable") : t("enable")}
          </Button>
          <ConfirmDialog
            trigger={
              <Button size="sm" variant="secondary">
                {t("rotate")}
              </Button>
            }
            title={t("rotateTitle")}
            description={t("rotateDescription")}
            confirmLabel={t("rotate")}
            cancelLabel={tc("cancel")}
            onConfirm={async () => {
              const rotated = await rotate.mutateAsync(endpoint.id).catch((error) => {
                fail(error);
                return null;
              });
              if (rotated) onSecret(rotated.secret);
            }}
          />
          <ConfirmDialog
            trigger={
              <Button size="sm" variant="ghost">
                {t("delete")}
              </Button>
            }
            title={t("deleteTitle")}
            description={t("deleteDescription")}
            confirmLabel={t("delete")}
            cancelLabel={tc("cancel")}
            onConfirm={async () => {
              await remove.mutateAsync(endpoint.id).catch(fail);
            }}
          />
        </div>
      </div>
      {notice && (
        <Alert tone={notice.tone} className="mt-3">
          {notice.text}
        </Alert>
      )}
      {showLog && <DeliveryLog endpointId={endpoint.id} />}
    </li>
  );
}

function DeliveryLog({ endpointId }: { endpointId: string }) {
  const t = useTranslations("webhooks");
  const tc = useTranslations("common");
  const format = useFormatter();
  const describe = useErrorText();
  const log = useDeliveries(endpointId);
  const resend = useResend(endpointId);
  const [error, setError] = useState<string | null>(null);
  const rows = log.data?.pages.flatMap((page) => page.deliveries) ?? [];

  const outcome = (d: WebhookDelivery) => {
    if (d.status === "pending") return <Badge tone="info">{t("pending")}</Badge>;
    if (d.status === "succeeded") return <Badge tone="success">{t("succeeded")}</Badge>;
    return <Badge tone="danger">{d.errorKind ? t(`errorKinds.${d.errorKind}`) : t("failed")}</Badge>;
  };

  return (
    <div className="mt-4 space-y-2">
      <h3 className="text-sm font-semibold">{t("log")}</h3>
      {error && <Alert tone="error">{error}</Alert>}
      {log.isPending ? (
        <p className="text-sm text-subtle-foreground">{tc("loading")}</p>
      ) : log.isError ? (
        <QueryErrorState query={log} />
      ) : rows.length === 0 ? (
        <p className="text-sm text-subtle-foreground">{t("logEmpty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <Table data-testid="webhook-deliveries">
            <THead>
              <TRow>
                <THeader>{t("event")}</THeader>
                <THeader>{t("attempt")}</THeader>
                <THeader>{t("outcome")}</THeader>
                <THeader>{t("statusCode")}</THeader>
                <THeader>{t("duration")}</THeader>
                <THeader>{t("response")}</THeader>
                <THeader>{t("when")}</THeader>
                <THeader className="pe-0">
                  <span className="sr-only">{tc("actions")}</span>
                </THeader>
              </TRow>
            </THead>
            <TBody className="align-top">
              {rows.map((d) => (
                <TRow key={d.id} data-testid="webhook-delivery">
                  <TCell className="py-2">
                    <code className="text-xs" dir="ltr">
                      {d.eventType}
                    </code>
                    {d.trigger !== "event" && (
                      <span className="block text-xs text-subtle-foreground">{t(`triggers.${d.trigger}`)}</span>
                    )}
                  </TCell>
                  <TCell className="py-2 tabular-nums">{format.number(d.attempt)}</TCell>
                  <TCell className="py-2">
                    {outcome(d)}
                    {d.status === "pending" && d.nextAttemptAt && (
                      <span className="block text-xs text-subtle-foreground">
                        <RelativeTime date={d.nextAttemptAt} />
                      </span>
                    )}
                    {d.gaveUp && <span className="block text-xs text-danger-text">{t("gaveUp")}</span>}
                  </TCell>
                  <TCell className="py-2 tabular-nums" data-testid="webhook-delivery-status">
                    {d.statusCode ?? "—"}
                  </TCell>
                  <TCell className="py-2 tabular-nums whitespace-nowrap">
                    {d.durationMs === null ? "—" : t("ms", { ms: d.durationMs })}
                  </TCell>
                  <TCell className="max-w-xs py-2">
                    {d.responseExcerpt ? (
                      <p className="line-clamp-2 font-mono text-xs break-all" title={d.responseExcerpt} dir="ltr">
                        {d.responseExcerpt}
                      </p>
                    ) : (
                      "—"
                    )}
                  </TCell>
                  <TCell className="py-2 whitespace-nowrap">
                    <RelativeTime date={d.attemptedAt ?? d.createdAt} />
                  </TCell>
                  <TCell className="py-2 text-end pe-0">
                    {d.status !== "pending" && (
                      <Button
                        size="xs"
                        variant="secondary"
                        loading={resend.isPending && resend.variables === d.id}
                        onClick={() => {
                          setError(null);
                          resend.mutate(d.id, { onError: (e) => setError(describe(e)) });
                        }}
                      >
                        {t("resend")}
                      </Button>
                    )}
                  </TCell>
                </TRow>
              ))}
            </TBody>
          </Table>
          {log.hasNextPage && (
            <Button
              size="sm"
              variant="ghost"
              className="mt-2"
              loading={log.isFetchingNextPage}
              onClick={() => log.fetchNextPage()}
            >
              {t("more")}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
