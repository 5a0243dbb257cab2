"use client";

import { DropdownMenu } from "radix-ui";
import { hardNavigate } from "@/lib/client/hard-navigate";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Membership } from "@/lib/auth/session";
import { api, errorText } from "@/lib/client/api";
import { Icon } from "./icons";

const item = "flex cursor-pointer items-center justify-between gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-muted";

export function OrgSwitcher({ current, memberships }: { current: Membership; memberships: Membership[] }) {
  const t = useTranslations();
  const [switching, setSwitching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger
          aria-label={t("nav.switchOrg")}
          data-testid="org-switcher"
          className="flex w-full items-center justify-between gap-2 rounded-md border border-border px-3 py-2 text-left text-sm hover:bg-surface-hover"
        >
          <span className="min-w-0">
            <span className="block truncate font-medium">{current.orgName}</span>
            <span className="block text-xs text-zinc-500">{t(`roles.${current.role}`)}</span>
          </span>
          <Icon name="chevron" className="size-4 shrink-0 text-zinc-500" />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content align="start" sideOffset={4} className="z-50 min-w-56 rounded-md border border-border bg-surface p-1 shadow-lg">
            {memberships.map((m) => (
              <DropdownMenu.Item
                key={m.orgId}
                className={item}
                disabled={switching}
                onSelect={async () => {
                  if (m.orgId === current.orgId) return;
                  setSwitching(true);
                  setError(null);
                  try {
                    await api("/api/v1/session/organization", { method: "PUT", body: { orgId: m.orgId } });
                    hardNavigate("/dashboard");
                  } catch (failure) {
                    setError(t("nav.switchOrgFailed", { reason: errorText(failure) }));
                    setSwitching(false);
                  }
                }}
              >
                <span className="truncate">{m.orgName}</span>
                {m.orgId === current.orgId && <Icon name="check" className="size-4 text-primary" />}
              </DropdownMenu.Item>
            ))}
            <DropdownMenu.Separator className="my-1 h-px bg-border" />
            <DropdownMenu.Item asChild className={item}>
              <Link href="/onboarding">{t("nav.createOrg")}</Link>
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      {error && (
        <p role="alert" className="mt-1 text-xs text-danger-text">
          {error}
        </p>
      )}
    </>
  );
}
