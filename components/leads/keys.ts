/**
 * The React Query keys for leads, as one factory so every query, mutation and live update names
 * the same cache entries. Keys are prefixes: invalidating `lists()` refreshes every leads list.
 */
export const leadKeys = {
  all: ["leads"] as const,
  /** Every list of leads: the leads page (any view) and the lead pickers. */
  lists: () => [...leadKeys.all, "list"] as const,
  /** One view of the leads page, by its canonical query string. */
  list: (query: string) => [...leadKeys.lists(), query] as const,
  /** A short search, e.g. the lead picker when simulating a booking. */
  search: (q: string) => [...leadKeys.lists(), "search", q] as const,
  counts: () => [...leadKeys.all, "counts"] as const,
  details: () => [...leadKeys.all, "detail"] as const,
  detail: (id: string) => [...leadKeys.details(), id] as const,
  timelines: () => [...leadKeys.all, "events"] as const,
  timeline: (id: string) => [...leadKeys.timelines(), id] as const,
  bantSuggestions: (id: string) => [...leadKeys.all, "bant-suggestions", id] as const,
  /** The user's saved views of the list (lib/saved-views). */
  savedViews: () => [...leadKeys.all, "saved-views"] as const,
};
