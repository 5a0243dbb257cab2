import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { LanguagePicker } from "@/components/auth/language-picker";
import { Logo } from "@/components/shell/logo";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("app");
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-6 flex flex-col items-center gap-2 text-center">
        <Logo className="size-10" />
        <p className="text-sm text-subtle-foreground">{t("tagline")}</p>
      </div>
      <div className="w-full max-w-md rounded-lg border border-border bg-surface p-6 shadow-sm">{children}</div>
      <div className="mt-6">
        <LanguagePicker />
      </div>
    </main>
  );
}
