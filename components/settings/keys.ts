/** The React Query keys for the settings pages (organization, team, channels, integrations, jobs). */
export const settingsKeys = {
  all: ["settings"] as const,
  projects: () => [...settingsKeys.all, "projects"] as const,
  members: () => [...settingsKeys.all, "members"] as const,
  invitations: () => [...settingsKeys.all, "invitations"] as const,
  channels: () => [...settingsKeys.all, "channels"] as const,
  integrations: () => [...settingsKeys.all, "integrations"] as const,
  google: () => [...settingsKeys.integrations(), "google"] as const,
  googleSync: () => [...settingsKeys.google(), "sync-jobs"] as const,
  jobFailures: () => [...settingsKeys.all, "job-failures"] as const,
};
