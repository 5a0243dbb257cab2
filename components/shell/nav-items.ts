/** Sidebar sections; each later module adds its entry here as it is built. */
export type NavItem = { href: string; labelKey: "dashboard" | "leads" | "settings"; icon: "home" | "leads" | "settings" };

export const NAV_ITEMS: NavItem[] = [
  { href: "/dashboard", labelKey: "dashboard", icon: "home" },
  { href: "/leads", labelKey: "leads", icon: "leads" },
  { href: "/settings/organization", labelKey: "settings", icon: "settings" },
];
