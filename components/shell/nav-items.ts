/** Sidebar sections; each later module adds its entry here as it is built. */
export type NavItem = { href: string; labelKey: "dashboard" | "leads" | "inbox" | "settings"; icon: "home" | "leads" | "inbox" | "settings" };

export const NAV_ITEMS: NavItem[] = [
  { href: "/dashboard", labelKey: "dashboard", icon: "home" },
  { href: "/leads", labelKey: "leads", icon: "leads" },
  { href: "/inbox", labelKey: "inbox", icon: "inbox" },
  { href: "/settings/organization", labelKey: "settings", icon: "settings" },
];
