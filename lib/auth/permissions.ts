import { hasRole, type Role } from "./roles";

/**
 * Who may do what, as the lowest role allowed: one table read by the API (route options'
 * `role`) and by the pages that show or hide the link or button for it, so the UI never
 * offers an action the API refuses. Row-level security decides in the end.
 */
export const MIN_ROLE = {
  inviteMembers: "admin",
  changeMembers: "admin",
  editOrganization: "admin",
  manageProjects: "manager",
  manageChannels: "admin",
  manageAgents: "manager",
  deleteLeads: "manager",
  reassignLeads: "manager",
  overrideHeat: "manager",
  /** Asking is for every member: whether a rep's decision counts is the organization's setting, enforced by RLS. */
  decideApprovals: "rep",
  runSandboxSimulations: "admin",
  changeApprovalSettings: "admin",
  manageIntegrations: "admin",
  readAuditLog: "admin",
  readJobFailures: "admin",
  manageConversationTags: "manager",
  changeResponseTimes: "admin",
  manageWebhooks: "admin",
  manageApiKeys: "admin",
  manageBilling: "admin",
} as const satisfies Record<string, Role>;

export type Action = keyof typeof MIN_ROLE;

export const can = (role: Role | null | undefined, action: Action): boolean => hasRole(role, MIN_ROLE[action]);
