"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { SandboxEventTypeKey } from "@/lib/integrations/calendly/sandbox-event-types";
import { mergePreferences } from "@/lib/preferences/derived";
import type { AppPreferences, PreferencesPatch } from "@/lib/preferences/schema";
import { preferenceKeys } from "./keys";

type PreferencesResponse = { preferences: AppPreferences };

/** GET /api/v1/preferences/whatsapp-numbers: the organization's WhatsApp numbers and the user's choice among them. */
export type WhatsAppNumberChoice = {
  numbers: { id: string; label: string; address: string }[];
  selected: string | null;
  /** A number was chosen but is no longer one of the organization's: it reads as none. */
  unavailable: boolean;
};

/** GET /api/v1/preferences/calendly-event-types: the event types the organization offers and the user's default among them. */
export type CalendlyEventTypeChoice = {
  /** "sandbox": the sandbox's event types (no Calendly credentials); "none": Calendly is not connected. */
  source: "calendly" | "sandbox" | "none";
  eventTypes: {
    uri: string;
    name: string | null;
    schedulingUrl: string;
    durationMinutes: number | null;
    /** The sandbox event type's key, named by the translations; null for Calendly's own. */
    sandbox: SandboxEventTypeKey | null;
  }[];
  /** Calendly could not be reached: the list is the one last fetched. */
  listFailed: boolean;
  selected: string | null;
  /** An event type was chosen but is no longer one the organization offers: it reads as none. */
  unavailable: boolean;
};

export function useCalendlyEventTypes() {
  return useQuery({
    queryKey: preferenceKeys.calendlyEventTypes(),
    queryFn: () => api<CalendlyEventTypeChoice>("/api/v1/preferences/calendly-event-types"),
  });
}

export function usePreferences() {
  return useQuery({
    queryKey: preferenceKeys.mine(),
    queryFn: async () => (await api<PreferencesResponse>("/api/v1/preferences")).preferences,
  });
}

export function useWhatsAppNumbers() {
  return useQuery({
    queryKey: preferenceKeys.whatsappNumbers(),
    queryFn: () => api<WhatsAppNumberChoice>("/api/v1/preferences/whatsapp-numbers"),
  });
}

/**
 * Saves a change at once (Settings → Preferences has no save button): shown optimistically,
 * rolled back if the server refuses it, and the cache keeps the server's answer.
 */
export function useUpdatePreferences() {
  const queryClient = useQueryClient();
  const key = preferenceKeys.mine();
  return useMutation({
    mutationFn: async (patch: PreferencesPatch) =>
      (await api<PreferencesResponse>("/api/v1/preferences", { method: "PATCH", body: patch })).preferences,
    onMutate: async (patch) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<AppPreferences>(key);
      if (previous) {
        try {
          queryClient.setQueryData(key, mergePreferences(previous, patch));
        } catch {
          // A value the schema refuses: the server's field error says why; nothing to show early.
        }
      }
      return { previous };
    },
    onError: (_error, _patch, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSuccess: (preferences, patch) => {
      queryClient.setQueryData(key, preferences);
      if (patch.integrations?.whatsapp)
        void queryClient.invalidateQueries({ queryKey: preferenceKeys.whatsappNumbers() });
      if (patch.integrations?.calendly)
        void queryClient.invalidateQueries({ queryKey: preferenceKeys.calendlyEventTypes() });
    },
  });
}
