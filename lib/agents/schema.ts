import { z } from "zod";
import { text } from "@/lib/http/schemas";
import { isAllowedModel } from "@/lib/ai/config";
import { agentRoleSchema } from "@/lib/ai/types";

const prompt = (max: number) => text().max(max, "keepUnder");

/** The fields a manager edits; the inferred types are the only types for these shapes. */
export const agentFieldsSchema = z.object({
  name: text().min(1, "agentNameRequired").max(80),
  role: agentRoleSchema,
  personality: prompt(4000).default(""),
  business: prompt(8000).default(""),
  objectives: prompt(4000).default(""),
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, "languageCodeInvalid")
    .default("en"),
  // Read at parse time (server only): the operator's list, not something a tenant chooses.
  model: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .refine((model) => isAllowedModel(model), "modelNotAllowed")
    .nullable()
    .optional(),
  active: z.boolean().optional(),
  isDefault: z.boolean().optional(),
  autoSend: z.boolean().optional(),
  schedulingUrl: z
    .url({ protocol: /^https$/, error: "httpsLinkRequired" })
    .max(500)
    .nullable()
    .optional(),
});

export const createAgentSchema = agentFieldsSchema;
export type CreateAgentInput = z.infer<typeof createAgentSchema>;

export const updateAgentSchema = z
  .object({
    name: agentFieldsSchema.shape.name,
    role: agentRoleSchema,
    personality: prompt(4000),
    business: prompt(8000),
    objectives: prompt(4000),
    language: agentFieldsSchema.shape.language.unwrap(),
    model: agentFieldsSchema.shape.model,
    active: z.boolean(),
    isDefault: z.boolean(),
    autoSend: z.boolean(),
    schedulingUrl: agentFieldsSchema.shape.schedulingUrl,
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, { message: "changeOneField" });
export type UpdateAgentInput = z.infer<typeof updateAgentSchema>;

export const testAgentSchema = z.object({
  message: text().min(1, "sampleMessageRequired").max(2000),
  leadName: text().min(1).max(120).optional(),
});
