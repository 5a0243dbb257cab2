/** React Query keys for the signed-in user's app preferences. */
export const preferenceKeys = {
  all: ["preferences"] as const,
  mine: () => [...preferenceKeys.all, "mine"] as const,
  whatsappNumbers: () => [...preferenceKeys.all, "whatsapp-numbers"] as const,
  calendlyEventTypes: () => [...preferenceKeys.all, "calendly-event-types"] as const,
};
