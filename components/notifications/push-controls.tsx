"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { api, ApiError } from "@/lib/client/api";

type State = "checking" | "unsupported" | "denied" | "off" | "on";

/** The VAPID key arrives base64url; PushManager wants bytes. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = (base64url + "=".repeat((4 - (base64url.length % 4)) % 4)).replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** Web push in this browser: the service worker (public/sw.js), subscribe / unsubscribe, a test push. */
export function PushControls({ available }: { available: boolean }) {
  const t = useTranslations("notifications.push");
  const [state, setState] = useState<State>("checking");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window))
        return setState("unsupported");
      if (Notification.permission === "denied") return setState("denied");
      const registration = await navigator.serviceWorker.getRegistration("/sw.js").catch(() => undefined);
      const subscription = await registration?.pushManager.getSubscription().catch(() => null);
      if (!cancelled) setState(subscription ? "on" : "off");
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  const fail = (error: unknown) =>
    setMessage({ tone: "error", text: error instanceof Error ? error.message : t("failed") });

  const subscribe = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const { publicKey } = await api<{ publicKey: string | null }>("/api/v1/push/vapid-public-key");
      if (!publicKey) throw new Error(t("notConfigured"));
      const permission = await Notification.requestPermission();
      if (permission !== "granted") {
        setState(permission === "denied" ? "denied" : "off");
        return;
      }
      const registration = await navigator.serviceWorker.register("/sw.js");
      await navigator.serviceWorker.ready;
      const subscription = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(publicKey),
      });
      await api("/api/v1/push/subscribe", { method: "POST", body: subscription.toJSON() });
      setState("on");
      setMessage({ tone: "ok", text: t("subscribed") });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const unsubscribe = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const registration = await navigator.serviceWorker.getRegistration("/sw.js");
      const subscription = await registration?.pushManager.getSubscription();
      if (subscription) {
        await api("/api/v1/push/unsubscribe", { method: "POST", body: { endpoint: subscription.endpoint } });
        await subscription.unsubscribe();
      }
      setState("off");
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const test = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await api<{ ok: boolean }>("/api/v1/push/test", { method: "POST" });
      setMessage(result.ok ? { tone: "ok", text: t("testSent") } : { tone: "error", text: t("testFailed") });
    } catch (error) {
      fail(error instanceof ApiError ? error : error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="space-y-2 rounded-md border border-border p-3">
      <p className="text-sm font-medium">{t("title")}</p>
      {!available ? (
        <p className="text-sm text-subtle-foreground">{t("notConfigured")}</p>
      ) : state === "unsupported" ? (
        <p className="text-sm text-subtle-foreground">{t("unsupported")}</p>
      ) : state === "denied" ? (
        <p className="text-sm text-subtle-foreground">{t("denied")}</p>
      ) : (
        <div className="flex flex-wrap gap-2">
          {state === "on" ? (
            <>
              <Button type="button" size="sm" variant="secondary" onClick={unsubscribe} loading={busy}>
                {t("unsubscribe")}
              </Button>
              <Button type="button" size="sm" variant="secondary" onClick={test} disabled={busy}>
                {t("test")}
              </Button>
            </>
          ) : (
            <Button
              type="button"
              size="sm"
              variant="secondary"
              onClick={subscribe}
              loading={busy || state === "checking"}
            >
              {t("subscribe")}
            </Button>
          )}
        </div>
      )}
      <p className="text-xs text-subtle-foreground">{t("hint")}</p>
      {message && (
        <p
          role={message.tone === "error" ? "alert" : "status"}
          className={message.tone === "error" ? "text-sm text-danger-text" : "text-sm text-success-text"}
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
