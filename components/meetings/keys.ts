/** The React Query keys for meetings; `all` is what a booking, cancel or no-show changes. */
export type MeetingFilters = { tab: "upcoming" | "past"; owner: string; status: string };

export const meetingKeys = {
  all: ["meetings"] as const,
  lists: () => [...meetingKeys.all, "list"] as const,
  list: (filters: MeetingFilters) => [...meetingKeys.lists(), filters] as const,
  /** The meetings card on a lead's page. */
  forLead: (leadId: string) => [...meetingKeys.all, "lead", leadId] as const,
};
