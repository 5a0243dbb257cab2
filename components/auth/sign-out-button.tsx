"use client";

import type { ReactNode } from "react";
import { hardNavigate } from "@/lib/client/hard-navigate";
import { api } from "@/lib/client/api";

export function SignOutButton({ children, className, redirectTo = "/sign-in" }: { children: ReactNode; className?: string; redirectTo?: string }) {
  return (
    <button
      type="button"
      className={className}
      onClick={async () => {
        await api("/api/auth/sign-out", { method: "POST" }).catch(() => undefined);
        hardNavigate(redirectTo);
      }}
    >
      {children}
    </button>
  );
}
