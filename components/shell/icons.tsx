/** The few icons the shell needs, inline so nothing is fetched at run time. */
const PATHS = {
  home: "M3 10.5 12 3l9 7.5V21a1 1 0 0 1-1 1h-5v-7H9v7H4a1 1 0 0 1-1-1z",
  settings:
    "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm7.4-3a7.4 7.4 0 0 0-.1-1.3l2-1.6-2-3.4-2.4 1a7.5 7.5 0 0 0-2.2-1.3L14.3 3h-4l-.4 2.4a7.5 7.5 0 0 0-2.2 1.3l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 0 0 0 2.6l-2 1.6 2 3.4 2.4-1a7.5 7.5 0 0 0 2.2 1.3l.4 2.4h4l.4-2.4a7.5 7.5 0 0 0 2.2-1.3l2.4 1 2-3.4-2-1.6c.1-.4.1-.9.1-1.3z",
  leads:
    "M16 11a4 4 0 1 0-4-4 4 4 0 0 0 4 4zM8 13a3 3 0 1 0-3-3 3 3 0 0 0 3 3zm8 1c-3.3 0-6 1.7-6 4v2h12v-2c0-2.3-2.7-4-6-4zM8 15c-.6 0-1.2.1-1.8.2A5 5 0 0 0 2 19v1h6v-2c0-1.1.4-2.1 1.1-3H8z",
  inbox:
    "M4 4h16a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H9l-4.3 3.6A.4.4 0 0 1 4 19.3V16a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1zm3 5h10V7H7zm0 4h7v-2H7z",
  menu: "M4 6h16M4 12h16M4 18h16",
  close: "M6 6l12 12M18 6 6 18",
  chevron: "m7 10 5 5 5-5",
  check: "m5 12 5 5 9-11",
  meetings: "M7 2v3M17 2v3M4 7h16M5 4h14a1 1 0 0 1 1 1v15a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1zM8 12h3v3H8z",
  approvals: "M9 4H6a1 1 0 0 0-1 1v15a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V5a1 1 0 0 0-1-1h-3M9 3h6v3H9zM9 14l2 2 4-4",
  tasks: "M9 6h11M9 12h11M9 18h11M4 5.5l1 1 2-2M4 11.5l1 1 2-2M4 17.5l1 1 2-2",
  agents: "M12 2v3M7 5h10a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3H7a3 3 0 0 1-3-3V8a3 3 0 0 1 3-3zM9 11v1M15 11v1M9 16h6",
} as const;

export function Icon({ name, className = "size-5" }: { name: keyof typeof PATHS; className?: string }) {
  const stroke =
    name === "menu" ||
    name === "close" ||
    name === "chevron" ||
    name === "check" ||
    name === "approvals" ||
    name === "agents" ||
    name === "meetings" ||
    name === "tasks";
  return (
    <svg
      viewBox="0 0 24 24"
      aria-hidden
      className={className}
      fill={stroke ? "none" : "currentColor"}
      stroke={stroke ? "currentColor" : "none"}
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
