/** What the sandbox portal and checkout can do (lib/billing/sandbox.ts); plain data, for client and server. */
export const SANDBOX_ACTIONS = ["checkout", "cancel", "resume", "cancel_now", "payment_failed", "pay"] as const;
export type SandboxAction = (typeof SANDBOX_ACTIONS)[number];
