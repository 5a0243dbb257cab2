"use client";

import { hardNavigate } from "@/lib/client/hard-navigate";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Membership } from "@/lib/auth/session";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { Menu, MenuContent, MenuItem, MenuSeparator, MenuTrigger } from "@/components/ui/menu";
import { Icon } from "./icons";

export function OrgSwitcher({ current, memberships }: { current: Membership; memberships: Membership[] }) {
  const t = useTranslations();
  const describe = useErrorText();
  const [switching, setSwitching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Menu>
        <MenuTrigger
          aria-label={t("nav.switchOrg")}
          data-testid="org-switcher"
          className="flex w-full items-center justify-between gap-2 rounded-md border border-border px-3 py-2 text-start text-sm hover:bg-surface-hover"
        >
          <span className="min-w-0">
            <span className="block truncate font-medium">{current.orgName}</span>
            <span className="block text-xs text-subtle-foreground">{t(`roles.${current.role}`)}</span>
          </span>
          <Icon name="chevron" className="size-4 shrink-0 text-subtle-foreground" />
        </MenuTrigger>
        <MenuContent className="min-w-56">
          {memberships.map((m) => (
            <MenuItem
              key={m.orgId}
              className="justify-between"
              disabled={switching}
              onSelect={async () => {
                if (m.orgId === current.orgId) return;
                setSwitching(true);
                setError(null);
                try {
                  await api("/api/v1/session/organization", { method: "PUT", body: { orgId: m.orgId } });
                  hardNavigate("/dashboard");
                } catch (failure) {
                  setError(t("nav.switchOrgFailed", { reason: describe(failure) }));
                  setSwitching(false);
                }
              }}
            >
              <span className="truncate">{m.orgName}</span>
              {m.orgId === current.orgId && <Icon name="check" className="size-4 text-primary" />}
            </MenuItem>
          ))}
          <MenuSeparator />
          <MenuItem asChild>
            <Link href="/onboarding">{t("nav.createOrg")}</Link>
          </MenuItem>
        </MenuContent>
      </Menu>
      {error && (
        <p role="alert" className="mt-1 text-xs text-danger-text">
          {error}
        </p>
      )}
    </>
  );
}
