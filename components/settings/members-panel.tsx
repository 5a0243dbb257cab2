"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { hardNavigate } from "@/lib/client/hard-navigate";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { LtrText, UserText } from "@/components/ui/bidi";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SelectField } from "@/components/ui/field";
import { EmptyState, LoadingState } from "@/components/ui/states";
import { QueryErrorState } from "@/components/ui/query-error-state";
import { can } from "@/lib/auth/permissions";
import { ROLES, type Role } from "@/lib/auth/roles";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import type { Member } from "@/lib/orgs/members";
import { settingsKeys } from "./keys";

export function MembersPanel({
  initialMembers,
  currentUserId,
  currentRole,
  orgName,
}: {
  initialMembers: Member[];
  currentUserId: string;
  currentRole: Role;
  orgName: string;
}) {
  const t = useTranslations();
  const describe = useErrorText();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const members = useQuery({
    queryKey: settingsKeys.members(),
    queryFn: async () => (await api<{ members: Member[] }>("/api/v1/members")).members,
    initialData: initialMembers,
  });
  const canManage = can(currentRole, "changeMembers");
  const onError = (e: unknown) => setError(describe(e));
  const changeRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      api(`/api/v1/members/${userId}`, { method: "PATCH", body: { role } }),
    onMutate: () => setError(null),
    onError,
    onSettled: () => queryClient.invalidateQueries({ queryKey: settingsKeys.members() }),
  });
  const remove = async (member: Member) => {
    setError(null);
    try {
      await api(`/api/v1/members/${member.userId}`, { method: "DELETE" });
      if (member.userId === currentUserId) hardNavigate("/dashboard");
      else await queryClient.invalidateQueries({ queryKey: settingsKeys.members() });
    } catch (e) {
      onError(e);
    }
  };

  return (
    <Card title={t("members.title")} description={t("members.description", { org: orgName })}>
      {error && (
        <Alert tone="error" className="mb-3">
          {error}
        </Alert>
      )}
      {members.isPending ? (
        <LoadingState label={t("common.loading")} />
      ) : members.isError ? (
        <QueryErrorState query={members} />
      ) : members.data.length === 0 ? (
        <EmptyState title={t("members.empty")} />
      ) : (
        <ul className="divide-y divide-border" data-testid="members-list">
          {members.data.map((member) => {
            const name = member.fullName || member.email;
            const self = member.userId === currentUserId;
            const editable = canManage && (member.role !== "owner" || currentRole === "owner");
            return (
              <li
                key={member.userId}
                className="flex flex-wrap items-center justify-between gap-3 py-3"
                data-testid={`member-${member.email}`}
              >
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium">
                    <UserText>{name}</UserText> {self && <Badge>{t("common.you")}</Badge>}
                  </p>
                  <p className="truncate text-xs text-subtle-foreground">
                    <LtrText>{member.email}</LtrText>
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  {editable ? (
                    <SelectField
                      label={t("members.changeRole", { name })}
                      hideLabel
                      value={member.role}
                      disabled={changeRole.isPending}
                      onChange={(event) =>
                        changeRole.mutate({ userId: member.userId, role: event.target.value as Role })
                      }
                    >
                      {ROLES.filter((role) => role !== "owner" || currentRole === "owner").map((role) => (
                        <option key={role} value={role}>
                          {t(`roles.${role}`)}
                        </option>
                      ))}
                    </SelectField>
                  ) : (
                    <Badge>{t(`roles.${member.role}`)}</Badge>
                  )}
                  {(editable || self) && (
                    <ConfirmDialog
                      trigger={
                        <Button size="sm" variant="ghost">
                          {self ? t("members.leave") : t("members.remove")}
                        </Button>
                      }
                      title={t("members.removeTitle", { name })}
                      description={t("members.removeBody", { org: orgName })}
                      confirmLabel={self ? t("members.leave") : t("members.remove")}
                      cancelLabel={t("common.cancel")}
                      onConfirm={() => remove(member)}
                    />
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
