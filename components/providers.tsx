"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ThemeProvider } from "next-themes";
import { Direction } from "radix-ui";
import { useState, type ReactNode } from "react";

/**
 * `dir` is the document's (`<html dir>`: the user's override, else their language's direction):
 * Radix menus, popovers and sheets align and key-navigate by it.
 */
export function Providers({
  children,
  nonce,
  dir,
  theme,
}: {
  children: ReactNode;
  nonce?: string;
  dir: "ltr" | "rtl";
  /** The signed-in user's stored theme (their preferences), so a browser that never saw it starts there. */
  theme?: "system" | "light" | "dark";
}) {
  // One client per browser tab, created on mount: never shared between requests on the server.
  const [queryClient] = useState(
    () =>
      new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false } } }),
  );
  return (
    <ThemeProvider
      attribute="class"
      defaultTheme={theme ?? "system"}
      enableSystem
      disableTransitionOnChange
      nonce={nonce}
    >
      <QueryClientProvider client={queryClient}>
        <Direction.Provider dir={dir}>{children}</Direction.Provider>
      </QueryClientProvider>
    </ThemeProvider>
  );
}
