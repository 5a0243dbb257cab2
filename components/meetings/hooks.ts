"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { useKeysetList } from "@/lib/client/keyset";
import { meetingKeys, type MeetingFilters } from "./keys";
import type { MeetingPageData } from "./types";

const queryString = (f: MeetingFilters, cursor?: string | null) => {
  const params = new URLSearchParams({ tab: f.tab, limit: "25" });
  if (f.owner) params.set("owner", f.owner);
  if (f.status) params.set("status", f.status);
  if (cursor) params.set("cursor", cursor);
  return params.toString();
};

/** /meetings for one set of filters, keyset "load more"; `initial` is the server's first page for those filters. */
export function useMeetingList(filters: MeetingFilters, initial: MeetingPageData | null) {
  return useKeysetList({
    queryKey: meetingKeys.list(filters),
    fetchPage: (cursor) => api<MeetingPageData>(`/api/v1/meetings?${queryString(filters, cursor)}`),
    nextCursor: (page) => page.nextCursor,
    items: (page) => page.meetings,
    initialPage: initial,
  });
}

/** A lead's meetings (every tab), for the card on its page. */
export function useLeadMeetings(leadId: string) {
  return useQuery({
    queryKey: meetingKeys.forLead(leadId),
    queryFn: () => api<MeetingPageData>(`/api/v1/meetings?tab=all&leadId=${leadId}&limit=20`),
  });
}

/** Every meetings list re-reads (a booking, cancel, no-show or "held"). */
export function useRefreshMeetings() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: meetingKeys.all });
}
