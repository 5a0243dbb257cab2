/**
 * The sandbox's Calendly event types (lib/integrations/calendly/event-types.ts), by key: their
 * names are the translations' `preferences.integrations.sandboxEventTypes.<key>`. A pure constant,
 * so the browser and the catalogue check can read it.
 */
export const SANDBOX_EVENT_TYPE_KEYS = ["intro_call", "site_visit"] as const;
export type SandboxEventTypeKey = (typeof SANDBOX_EVENT_TYPE_KEYS)[number];
