import { MIN_ROLE } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/roles";

/** Sidebar sections; each later module adds its entry here as it is built. */
export type NavItem = {
  href: string;
  labelKey: "dashboard" | "leads" | "inbox" | "settings" | "approvals" | "agents" | "meetings" | "tasks";
  icon: "home" | "leads" | "inbox" | "settings" | "approvals" | "agents" | "meetings" | "tasks";
  /** Hidden below this role (the pages and the API check again). */
  minRole?: Role;
};

export const NAV_ITEMS: NavItem[] = [
  { href: "/dashboard", labelKey: "dashboard", icon: "home" },
  { href: "/leads", labelKey: "leads", icon: "leads" },
  { href: "/inbox", labelKey: "inbox", icon: "inbox" },
  { href: "/tasks", labelKey: "tasks", icon: "tasks" },
  { href: "/meetings", labelKey: "meetings", icon: "meetings" },
  // Reps see the drafts of their own conversations there, read-only.
  { href: "/approvals", labelKey: "approvals", icon: "approvals" },
  { href: "/agents", labelKey: "agents", icon: "agents", minRole: MIN_ROLE.manageAgents },
  { href: "/settings/organization", labelKey: "settings", icon: "settings" },
];
