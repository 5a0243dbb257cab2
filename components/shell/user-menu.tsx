"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useTheme } from "next-themes";
import { useSignOut } from "@/components/auth/sign-out-button";
import { LtrText, UserText } from "@/components/ui/bidi";
import {
  Menu,
  MenuContent,
  MenuItem,
  MenuLabel,
  MenuRadioGroup,
  MenuRadioItem,
  MenuSeparator,
  MenuTrigger,
} from "@/components/ui/menu";

export function UserMenu({ name, email, platformAdmin }: { name: string; email: string; platformAdmin: boolean }) {
  const t = useTranslations("nav");
  const { theme, setTheme } = useTheme();
  const signingOut = useSignOut();
  const initials = (name || email)
    .split(/\s+/)
    .map((part) => part[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <Menu>
      <MenuTrigger
        aria-label={t("userMenu")}
        data-testid="user-menu"
        className="flex size-9 items-center justify-center rounded-full bg-primary-muted text-sm font-semibold text-primary-muted-foreground hover:ring-2 hover:ring-primary-border"
      >
        {initials}
      </MenuTrigger>
      <MenuContent align="end" sideOffset={6} className="w-64">
        <div className="px-2 py-1.5">
          <p className="truncate text-sm font-medium">
            {name ? <UserText>{name}</UserText> : <LtrText>{email}</LtrText>}
          </p>
          <p className="truncate text-xs text-subtle-foreground">
            <LtrText>{email}</LtrText>
          </p>
        </div>
        <MenuSeparator />
        <MenuItem asChild>
          <Link href="/settings/account">{t("account")}</Link>
        </MenuItem>
        {platformAdmin && (
          <MenuItem asChild>
            <Link href="/admin" data-testid="user-menu-admin">
              {t("platformAdmin")}
            </Link>
          </MenuItem>
        )}
        <MenuLabel>{t("theme")}</MenuLabel>
        <MenuRadioGroup value={theme ?? "system"} onValueChange={setTheme}>
          {(["light", "dark", "system"] as const).map((value) => (
            <MenuRadioItem key={value} value={value} indicator="●">
              <span aria-hidden className="inline-block size-2 rounded-full border border-border-strong" />
              {t(value === "light" ? "themeLight" : value === "dark" ? "themeDark" : "themeSystem")}
            </MenuRadioItem>
          ))}
        </MenuRadioGroup>
        <MenuSeparator />
        <MenuItem
          disabled={signingOut.pending}
          onSelect={(event) => {
            event.preventDefault(); // stay open: a failure is shown here
            void signingOut.signOut();
          }}
        >
          {signingOut.pending ? t("signingOut") : t("signOut")}
        </MenuItem>
        {signingOut.error && (
          <p role="alert" className="px-2 py-1.5 text-xs text-danger-text">
            {signingOut.error}
          </p>
        )}
      </MenuContent>
    </Menu>
  );
}
