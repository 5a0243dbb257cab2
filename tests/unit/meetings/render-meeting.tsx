import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { NextIntlClientProvider } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { MeetingItem } from "@/components/meetings/meeting-item";
import type { MeetingRow } from "@/components/meetings/types";
import en from "@/lib/i18n/messages/en.json";

/** A meeting as the meetings page and the lead page show it to a reader in `timeZone` (markup stripped). */
export function meetingTextFor(meeting: MeetingRow, timeZone: string): string {
  const html = renderToStaticMarkup(
    <QueryClientProvider client={new QueryClient()}>
      <NextIntlClientProvider locale="en" messages={en} timeZone={timeZone} now={new Date("2026-12-01T00:00:00Z")}>
        <MeetingItem meeting={meeting} canSimulate={false} onChanged={() => undefined} />
      </NextIntlClientProvider>
    </QueryClientProvider>,
  );
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&[a-z]+;|&#\d+;/g, " ")
    .replace(/\s+/g, " ");
}
