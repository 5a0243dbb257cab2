/** React Query keys for templates, consent and bulk sends (prefixes: `all` covers them all). */
export const outreachKeys = {
  all: ["outreach"] as const,
  conversationTemplates: (conversationId: string) =>
    [...outreachKeys.all, "conversation-templates", conversationId] as const,
  /** Every template list of one lead (any channel): what a consent change invalidates. */
  leadTemplatesOf: (leadId: string) => [...outreachKeys.all, "lead-templates", leadId] as const,
  leadTemplates: (leadId: string, channelId: string, medium: string) =>
    [...outreachKeys.leadTemplatesOf(leadId), channelId, medium] as const,
  channelTemplates: (channelId: string) => [...outreachKeys.all, "channel-templates", channelId] as const,
  consent: (leadId: string) => [...outreachKeys.all, "consent", leadId] as const,
  runs: () => [...outreachKeys.all, "runs"] as const,
  run: (id: string) => [...outreachKeys.all, "run", id] as const,
};
