import { z } from "zod";

export const ROLES = ["owner", "admin", "manager", "rep"] as const;
export const roleSchema = z.enum(ROLES, { error: "roleInvalid" });
export type Role = z.infer<typeof roleSchema>;

const RANK: Record<Role, number> = { owner: 4, admin: 3, manager: 2, rep: 1 };

/** Mirrors private.has_role() in the database, for showing or hiding UI. The database decides. */
export const hasRole = (role: Role | null | undefined, min: Role) => Boolean(role && RANK[role] >= RANK[min]);
