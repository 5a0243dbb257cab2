import "server-only";
import { analyticsQueryFor, getAnalytics, type Viewer } from "@/lib/analytics";
import { analyticsParamsSchema, type AnalyticsParams } from "@/lib/analytics/schema";
import type { Analytics } from "@/lib/analytics/types";
import { listMemberships } from "@/lib/auth/session";
import { withRls, withService, type Claims, type Tx } from "@/lib/db";
import { sendEmail } from "@/lib/email/send";
import { env } from "@/lib/env";
import { currentReader } from "@/lib/i18n/reader";
import { formatDay, formatSettings, formatterFor } from "@/lib/i18n/formats";
import { resolveLocale, translatorFor } from "@/lib/i18n/translator";
import { logger } from "@/lib/log";
import { listProjects } from "@/lib/orgs/projects";
import type { DataPreferences } from "@/lib/preferences/schema";
import { renderAnalyticsPdf } from "./pdf";
import type { GenerateReportInput } from "./queue";
import { findRun, markRun, recordRun, type NewRun } from "./runs";
import { reportPeriod } from "./schedule";
import { deactivateSubscription, subscriptionForRun, type SubscriptionForRun } from "./subscriptions";

/** What a report shows and for whom, read in one RLS transaction; rendering happens after it. */
export type ReportData = {
  analytics: Analytics;
  orgName: string;
  projectName: string | null;
  locale: string | null;
  /** The reader's formats: the PDF's and the email's dates and numbers are written their way. */
  data: DataPreferences;
};

export type ReportViewer = Viewer & { orgName: string };

async function projectName(tx: Tx, orgId: string, projectId: string | null): Promise<string | null> {
  if (!projectId) return null;
  const projects = await listProjects(tx, orgId, { includeArchived: true });
  return projects.find((p) => p.id === projectId)?.name ?? null;
}

/**
 * The dashboard's numbers for `params` (the analytics query string) as the user of `tx` sees
 * them: the download route and the scheduled reports both call this inside `withRls`, so a
 * report never shows more than that person's own dashboard.
 */
export async function loadReport(
  tx: Tx,
  viewer: ReportViewer,
  params: AnalyticsParams,
  now = new Date(),
): Promise<ReportData> {
  const q = await analyticsQueryFor(tx, viewer, params, now);
  const analytics = await getAnalytics(tx, q, viewer);
  const reader = await currentReader(tx);
  return {
    analytics,
    orgName: viewer.orgName,
    projectName: await projectName(tx, viewer.orgId, q.projectId),
    locale: reader.locale,
    data: reader.data,
  };
}

/** The report as a PDF, outside any transaction (drawing takes a moment; a connection should not wait). */
export function renderReport(report: ReportData, now = new Date()): Promise<Buffer> {
  return renderAnalyticsPdf(report.analytics, {
    orgName: report.orgName,
    projectName: report.projectName,
    generatedAt: now,
    timeZone: report.analytics.range.timeZone,
    locale: report.locale ?? "en",
    data: report.data,
  });
}

/** The file name of a report: organization and period, safe for any file system. */
export function reportFilename(orgName: string, from: string, to: string): string {
  const slug = orgName
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase()
    .slice(0, 40);
  return `kiln-report-${slug || "organization"}-${from}-to-${to}.pdf`;
}

export type GenerateOutcome = "sent" | "already-sent" | "gone" | "left-organization";

/** A signed-in user's claims, for a job acting on their behalf (the shape Supabase issues). */
const claimsOf = (s: SubscriptionForRun): Claims => ({ sub: s.userId, email: s.email, role: "authenticated" });

/**
 * Produces one report: read AS THE SUBSCRIBER (withRls with their claims, so it counts only
 * what their dashboard shows), rendered, stored, then emailed with the PDF attached. Safe to
 * run again: a sent run is left alone, a stored one is only emailed again. A failure is
 * recorded on the run and thrown, so the queue tries again.
 */
export async function generateReport(input: GenerateReportInput): Promise<GenerateOutcome> {
  const runAt = new Date(input.runAt);
  const scheduledFor = input.scheduled ? runAt : null;
  const { subscription, existing } = await withService(async (tx) => {
    const subscription = await subscriptionForRun(tx, input.subscriptionId);
    const existing = subscription
      ? await findRun(tx, { id: input.runId, subscriptionId: input.subscriptionId, scheduledFor })
      : null;
    return { subscription, existing };
  });
  if (!subscription) return "gone";
  if (existing?.status === "sent") return "already-sent";

  const period = reportPeriod(subscription, runAt, input.scheduled);
  const run: NewRun = {
    id: existing?.id ?? input.runId,
    subscriptionId: subscription.id,
    userId: subscription.userId,
    orgId: subscription.orgId,
    projectId: subscription.projectId,
    scheduledFor,
    periodFrom: period.from,
    periodTo: period.to,
    timeZone: subscription.timeZone,
  };
  const failed = async (error: unknown): Promise<never> => {
    logger.error({ err: error, subscriptionId: subscription.id }, "report generation failed");
    await withService((tx) => recordRun(tx, run, { errorKind: "generation" }));
    throw error;
  };

  const report = await withRls(claimsOf(subscription), async (tx) => {
    const membership = (await listMemberships(tx)).find((m) => m.orgId === subscription.orgId);
    if (!membership) return null;
    const viewer = {
      userId: subscription.userId,
      orgId: subscription.orgId,
      orgName: membership.orgName,
      role: membership.role,
    };
    const params = analyticsParamsSchema.parse({
      range: "custom",
      from: period.from,
      to: period.to,
      tz: subscription.timeZone,
      ...(subscription.projectId ? { project: subscription.projectId } : {}),
    });
    return loadReport(tx, viewer, params);
  }).catch(failed);
  if (!report) {
    await withService((tx) => deactivateSubscription(tx, subscription.id));
    return "left-organization";
  }
  // A PDF stored by an earlier attempt goes out as it was.
  let pdf = existing?.pdf ?? null;
  if (!pdf) {
    pdf = await renderReport(report).catch(failed);
    const rendered = pdf;
    await withService((tx) => recordRun(tx, run, { pdf: rendered }));
  }

  const t = translatorFor(report.locale, "reports.email", subscription.timeZone, report.data);
  const format = formatterFor(formatSettings(resolveLocale(report.locale), report.data, subscription.timeZone));
  const appUrl = env().APP_URL;
  const names = { org: report.orgName, from: formatDay(format, period.from), to: formatDay(format, period.to) };
  try {
    await sendEmail({
      to: subscription.email,
      subject: t("subject", names),
      text: [
        t("intro", { ...names, project: report.projectName ?? t("allProjects") }),
        "",
        t("dashboard", { url: new URL("/dashboard", appUrl).toString() }),
        t("manage", { url: new URL("/settings/reports", appUrl).toString() }),
      ].join("\n"),
      attachments: [
        {
          filename: reportFilename(report.orgName, period.from, period.to),
          contentType: "application/pdf",
          content: pdf,
        },
      ],
    });
  } catch (error) {
    logger.warn({ err: error, subscriptionId: subscription.id, runId: run.id }, "report email failed");
    await withService((tx) => markRun(tx, run.id, "email-failed"));
    throw error;
  }
  await withService((tx) => markRun(tx, run.id, "sent"));
  return "sent";
}
