import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { agentKeys } from "@/components/agents/keys";
import { approvalKeys } from "@/components/approvals/keys";
import { dashboardKeys } from "@/components/dashboard/keys";
import { inboxKeys } from "@/components/inbox/keys";
import { leadKeys } from "@/components/leads/keys";
import { meetingKeys } from "@/components/meetings/keys";
import { notificationKeys } from "@/components/notifications/keys";
import { settingsKeys } from "@/components/settings/keys";
import { sessionKeys } from "@/components/shell/keys";

/**
 * React Query keys are named once, in each domain's `keys.ts` factory, so a query, the mutation
 * that changes its data and the live-update map (components/realtime/live-keys.ts) can never
 * drift apart. This scan fails on a key written as a literal anywhere else on the client.
 */
const root = join(__dirname, "..", "..", "..");
const SCANNED = ["components", "lib/client"];
const LITERAL_KEY = [
  // useQuery({ queryKey: ["…"] }), invalidateQueries({ queryKey: ["…"] }), setQueriesData({ queryKey: [ … ] })
  /queryKey:\s*\[/,
  // setQueryData(["…"], …), getQueryData<T>(["…"])
  /(?:set|get)Query(?:Data|State)\s*(?:<[^>]*>)?\(\s*\[/,
  // const KEY = ["…"], const CHANNELS_QUERY_KEY = ["…"]
  /\b(?:\w*QUERY_)?KEY\s*=\s*\[/,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe("client query keys", () => {
  it("are never written as literals outside the domains' key factories", () => {
    const offenders: string[] = [];
    for (const file of SCANNED.flatMap((dir) => sourceFiles(join(root, dir)))) {
      if (file.endsWith("/keys.ts")) continue;
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, index) => {
          if (LITERAL_KEY.some((pattern) => pattern.test(line)))
            offenders.push(`${relative(root, file)}:${index + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });

  it("give every domain its own root, so invalidating one domain never refetches another's data", () => {
    const roots = [
      agentKeys,
      approvalKeys,
      dashboardKeys,
      inboxKeys,
      leadKeys,
      meetingKeys,
      notificationKeys,
      settingsKeys,
      sessionKeys,
    ].map((keys) => keys.all[0]);
    expect(new Set(roots).size).toBe(roots.length);
  });

  it("nest a domain's keys under its root, so a prefix covers what it names", () => {
    const startsWith = (key: readonly unknown[], prefix: readonly unknown[]) =>
      prefix.every((part, i) => key[i] === part);
    expect(startsWith(leadKeys.list("q=ada"), leadKeys.lists())).toBe(true);
    expect(startsWith(leadKeys.search("ada"), leadKeys.lists())).toBe(true);
    expect(startsWith(leadKeys.detail("l1"), leadKeys.details())).toBe(true);
    expect(startsWith(leadKeys.timeline("l1"), leadKeys.timelines())).toBe(true);
    expect(startsWith(inboxKeys.messages("c1"), inboxKeys.all)).toBe(true);
    expect(startsWith(approvalKeys.pendingCount(), approvalKeys.tasks())).toBe(true);
    expect(startsWith(approvalKeys.settings(), approvalKeys.tasks())).toBe(false);
    expect(startsWith(notificationKeys.unreadCount(), notificationKeys.feed())).toBe(true);
    expect(startsWith(notificationKeys.settings(), notificationKeys.feed())).toBe(false);
    expect(startsWith(meetingKeys.forLead("l1"), meetingKeys.all)).toBe(true);
    expect(startsWith(dashboardKeys.widgetView("heat", "range=7d"), dashboardKeys.widget("heat"))).toBe(true);
    expect(startsWith(dashboardKeys.widget("heat"), dashboardKeys.widgets())).toBe(true);
    expect(startsWith(dashboardKeys.settings(null), dashboardKeys.widgets())).toBe(false);
  });
});
