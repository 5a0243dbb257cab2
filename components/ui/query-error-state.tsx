"use client";

import { useTranslations } from "next-intl";
import { Button } from "./button";
import { ErrorState } from "./states";

/**
 * A list or panel whose query failed: the common "could not load" text (or `message`) and a retry
 * that refetches. Its own client file because states.tsx is also rendered by server pages.
 */
export function QueryErrorState({ query, message }: { query: { refetch: () => unknown }; message?: string }) {
  const tc = useTranslations("common");
  return (
    <ErrorState
      message={message ?? tc("loadError")}
      retry={
        <Button size="sm" variant="secondary" onClick={() => void query.refetch()}>
          {tc("retry")}
        </Button>
      }
    />
  );
}
