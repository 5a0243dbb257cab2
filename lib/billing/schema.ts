import { z } from "zod";
import { BILLING_INTERVALS, PLANS } from "./plans";
import { SANDBOX_ACTIONS } from "./sandbox-actions";

/** POST /api/v1/billing/checkout */
export const checkoutSchema = z.object({ plan: z.enum(PLANS), interval: z.enum(BILLING_INTERVALS) }).strict();

/** POST /api/v1/billing/portal */
export const portalSchema = z.object({}).strict();

/** POST /api/v1/billing/sandbox: what the sandbox checkout or portal page did. */
export const sandboxActionSchema = z
  .object({
    action: z.enum(SANDBOX_ACTIONS),
    plan: z.enum(PLANS).optional(),
    interval: z.enum(BILLING_INTERVALS).optional(),
  })
  .strict()
  .refine((input) => input.action !== "checkout" || input.plan !== undefined, {
    path: ["plan"],
    message: "billingPlanRequired",
  });
