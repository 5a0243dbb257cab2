"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { inboxKeys } from "@/components/inbox/keys";
import { api } from "@/lib/client/api";
import { outreachKeys } from "./keys";
import type { ConsentData, RunRecipient, RunSummary, TemplateChoices, TemplateData } from "./types";

/** The thread channel's approved templates, filled for its lead (asked for once the window closed). */
export function useConversationTemplates(conversationId: string, enabled: boolean) {
  return useQuery({
    queryKey: outreachKeys.conversationTemplates(conversationId),
    queryFn: () => api<TemplateChoices>(`/api/v1/conversations/${conversationId}/templates`),
    enabled,
  });
}

export function useSendTemplate(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { templateId: string; parameters: string[] }) =>
      api(`/api/v1/conversations/${conversationId}/templates`, { method: "POST", body: input }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: inboxKeys.messages(conversationId) });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.conversation(conversationId) });
    },
  });
}

export function useLeadTemplates(leadId: string, channelId: string | null, medium: "sms" | "whatsapp") {
  return useQuery({
    queryKey: outreachKeys.leadTemplates(leadId, channelId ?? "", medium),
    queryFn: () => api<TemplateChoices>(`/api/v1/leads/${leadId}/templates?channelId=${channelId}&medium=${medium}`),
    enabled: Boolean(channelId),
  });
}

export function useStartWithTemplate(leadId: string) {
  return useMutation({
    mutationFn: (input: { channelId: string; medium: "sms" | "whatsapp"; templateId: string; parameters: string[] }) =>
      api<{ conversationId: string; messageId: string }>(`/api/v1/leads/${leadId}/templates`, {
        method: "POST",
        body: input,
      }),
  });
}

export function useConsent(leadId: string) {
  return useQuery({
    queryKey: outreachKeys.consent(leadId),
    queryFn: async () => (await api<{ consent: ConsentData[] }>(`/api/v1/leads/${leadId}/consent`)).consent,
  });
}

export function useRecordConsent(leadId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { channelKind: "sms" | "whatsapp"; status: "opted_in" | "opted_out" }) =>
      api<{ consent: ConsentData[] }>(`/api/v1/leads/${leadId}/consent`, { method: "PUT", body: input }),
    onSuccess: (data) => {
      queryClient.setQueryData(outreachKeys.consent(leadId), data.consent);
      void queryClient.invalidateQueries({ queryKey: outreachKeys.leadTemplatesOf(leadId) });
    },
  });
}

export function useChannelTemplates(channelId: string) {
  return useQuery({
    queryKey: outreachKeys.channelTemplates(channelId),
    queryFn: () => api<{ sandbox: boolean; templates: TemplateData[] }>(`/api/v1/channels/${channelId}/templates`),
  });
}

export function useSyncTemplates(channelId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api(`/api/v1/channels/${channelId}/templates/sync`, { method: "POST" }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: outreachKeys.channelTemplates(channelId) }),
  });
}

export function useBulkSend() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      templateId: string;
      leadIds?: string[];
      silentDays?: number;
      heat?: string[];
      ratePerMinute?: number;
    }) => api<{ runId: string; recipients: number }>("/api/v1/outreach/runs", { method: "POST", body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: outreachKeys.runs() }),
  });
}

export function useRuns() {
  return useQuery({
    queryKey: outreachKeys.runs(),
    queryFn: async () => (await api<{ runs: RunSummary[] }>("/api/v1/outreach/runs")).runs,
  });
}

/** Stops a running bulk send; the answer is the report with the waiting leads skipped as cancelled. */
export function useCancelRun(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<{ run: RunSummary; recipients: RunRecipient[] }>(`/api/v1/outreach/runs/${id}/cancel`, { method: "POST" }),
    onSuccess: (report) => {
      queryClient.setQueryData(outreachKeys.run(id), report);
      void queryClient.invalidateQueries({ queryKey: outreachKeys.runs() });
    },
  });
}

/** A run's report; polled while it is still sending. */
export function useRun(id: string) {
  return useQuery({
    queryKey: outreachKeys.run(id),
    queryFn: () => api<{ run: RunSummary; recipients: RunRecipient[] }>(`/api/v1/outreach/runs/${id}`),
    refetchInterval: (query) => (query.state.data?.run.status === "running" ? 3_000 : false),
  });
}
