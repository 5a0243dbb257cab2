"use client";

import { useTranslations } from "next-intl";
import { forwardRef, type FormHTMLAttributes } from "react";
import { useHydrated } from "@/lib/client/use-hydrated";
import { useTypedBeforeHydration } from "@/lib/client/use-typed-before-hydration";
import { Alert } from "./alert";
import { Button, type ButtonProps } from "./button";

/**
 * Our forms submit through their onSubmit handler (a fetch to a route handler), never natively.
 * A native submission happens when the handler is not attached yet (a slow first load, a
 * script that failed, JavaScript turned off), and without a method it is a GET that puts every
 * field, passwords included, into the URL: access logs, proxies, history, sync.
 * So a Form always says method="post" (a native submission never writes fields into a URL),
 * and its SubmitButton stays disabled until React has attached the handler, which also stops
 * Enter in a field from submitting natively (no implicit submission with a disabled default
 * button). Without JavaScript the form explains that it needs it. What a person types before
 * hydration is kept (lib/client/use-typed-before-hydration.ts): the fields take input at once and
 * the form library receives it when the page wakes up, so nothing typed is lost.
 */
export function Form({
  children,
  ...props
}: Omit<FormHTMLAttributes<HTMLFormElement>, "method" | "action" | "noValidate">) {
  const t = useTranslations("common");
  const { ref, hydrationKey } = useTypedBeforeHydration();
  return (
    <form {...props} ref={ref} data-hydration-key={hydrationKey} method="post" noValidate>
      <noscript>
        <Alert tone="warning">{t("formNeedsJavaScript")}</Alert>
      </noscript>
      {children}
    </form>
  );
}

/** The submit button of a Form: inert until the page is hydrated. */
export const SubmitButton = forwardRef<HTMLButtonElement, Omit<ButtonProps, "type">>(function SubmitButton(
  { disabled, ...props },
  ref,
) {
  const hydrated = useHydrated();
  return <Button ref={ref} type="submit" disabled={!hydrated || disabled} {...props} />;
});
