"use client";

import { DropdownMenu } from "radix-ui";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useTheme } from "next-themes";
import { useSignOut } from "@/components/auth/sign-out-button";

const item = "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-muted";

export function UserMenu({ name, email }: { name: string; email: string }) {
  const t = useTranslations("nav");
  const { theme, setTheme } = useTheme();
  const signingOut = useSignOut();
  const initials = (name || email).split(/\s+/).map((part) => part[0]).join("").slice(0, 2).toUpperCase();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label={t("userMenu")}
        data-testid="user-menu"
        className="flex size-9 items-center justify-center rounded-full bg-primary-muted text-sm font-semibold text-primary-muted-foreground hover:ring-2 hover:ring-primary-border"
      >
        {initials}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 w-64 rounded-md border border-border bg-surface p-1 shadow-lg">
          <div className="px-2 py-1.5">
            <p className="truncate text-sm font-medium">{name || email}</p>
            <p className="truncate text-xs text-zinc-500">{email}</p>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Item asChild className={item}>
            <Link href="/settings/account">{t("account")}</Link>
          </DropdownMenu.Item>
          <DropdownMenu.Label className="px-2 pt-2 text-xs text-zinc-500">{t("theme")}</DropdownMenu.Label>
          <DropdownMenu.RadioGroup value={theme ?? "system"} onValueChange={setTheme}>
            {(["light", "dark", "system"] as const).map((value) => (
              <DropdownMenu.RadioItem key={value} value={value} className={item}>
                <span className="inline-block size-2 rounded-full border border-zinc-400 data-[state=checked]:bg-primary" />
                <DropdownMenu.ItemIndicator className="sr-only">✓</DropdownMenu.ItemIndicator>
                {t(value === "light" ? "themeLight" : value === "dark" ? "themeDark" : "themeSystem")}
                {theme === value && <span className="ms-auto text-primary">●</span>}
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Item
            className={item}
            disabled={signingOut.pending}
            onSelect={(event) => {
              event.preventDefault(); // stay open: a failure is shown here
              void signingOut.signOut();
            }}
          >
            {signingOut.pending ? t("signingOut") : t("signOut")}
          </DropdownMenu.Item>
          {signingOut.error && (
            <p role="alert" className="px-2 py-1.5 text-xs text-danger-text">
              {signingOut.error}
            </p>
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
