import { z } from "zod";

/** Search and keyset paging, shared by every list of the platform admin console. */
const listShape = {
  q: z.string().trim().max(200, "searchTooLong").optional(),
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
};

export const adminListQuery = z.object(listShape).strict();
export type AdminListQuery = z.infer<typeof adminListQuery>;

export const ERROR_KINDS = ["server", "job"] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export const adminErrorsQuery = z
  .object({
    ...listShape,
    /** One organization's errors (the Organizations page links here). */
    org: z.uuid("organizationRequired").optional(),
    kind: z.enum(ERROR_KINDS).optional(),
  })
  .strict();
export type AdminErrorsQuery = z.infer<typeof adminErrorsQuery>;

export const signInAccessBody = z.object({ enabled: z.boolean() }).strict();
