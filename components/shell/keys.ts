/** The React Query keys for the signed-in session (a hard navigation drops them when switching organizations). */
export const sessionKeys = {
  all: ["session"] as const,
  me: () => [...sessionKeys.all, "me"] as const,
};
