"use client";

import { useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { hardNavigate } from "@/lib/client/hard-navigate";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { flushSessionState } from "@/lib/session-state/use-session-state";

/**
 * Signs out, and leaves the page only once the server has revoked the session: a failure
 * is shown, never hidden behind a redirect that would make a still-valid session look gone.
 * The session state's last batch is saved first (briefly awaited), while the session still holds.
 */
export function useSignOut(redirectTo = "/sign-in") {
  const t = useTranslations("nav");
  const describe = useErrorText();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const signOut = async () => {
    setPending(true);
    setError(null);
    try {
      await flushSessionState();
      await api("/api/auth/sign-out", { method: "POST" });
      hardNavigate(redirectTo);
    } catch (failure) {
      setError(t("signOutFailed", { reason: describe(failure) }));
      setPending(false);
    }
  };
  return { signOut, pending, error };
}

export function SignOutButton({
  children,
  className,
  redirectTo = "/sign-in",
}: {
  children: ReactNode;
  className?: string;
  redirectTo?: string;
}) {
  const { signOut, pending, error } = useSignOut(redirectTo);
  return (
    <>
      <button type="button" className={className} disabled={pending} onClick={signOut}>
        {children}
      </button>
      {error && (
        <p role="alert" className="mt-2 text-sm text-danger-text">
          {error}
        </p>
      )}
    </>
  );
}
