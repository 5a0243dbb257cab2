import "server-only";
import { defineJob } from "@/lib/jobs/define";
import { logger } from "@/lib/log";
import { claimImapMailboxes, releaseImapMailbox, type ClaimedImapMailbox } from "./mailbox-credentials";
import { pollImapMailbox, type PollReport } from "./mailbox-imap";
import { mailboxPollQueue } from "./mailbox-queue";

/** Mailboxes one scheduled run takes, and how many of them it reads at once. */
const MAILBOXES_PER_RUN = 20;
const PARALLEL = 4;

async function runOne(mailbox: ClaimedImapMailbox, timeoutMs?: number): Promise<PollReport> {
  const report = await pollImapMailbox(mailbox, timeoutMs);
  await releaseImapMailbox(mailbox.channelId, report);
  if (report.seen || !report.ok)
    logger.info(
      {
        orgId: mailbox.orgId,
        channelId: mailbox.channelId,
        seen: report.seen,
        recorded: report.recorded.length,
        ok: report.ok,
      },
      "mailbox polled",
    );
  return report;
}

/** Claims due mailboxes (or the one named) and polls them; answers each poll's report. */
export async function runMailboxPoll(only?: { channelId: string }, timeoutMs?: number): Promise<PollReport[]> {
  const mailboxes = await claimImapMailboxes(only ? 1 : MAILBOXES_PER_RUN, only);
  const reports: PollReport[] = [];
  for (let i = 0; i < mailboxes.length; i += PARALLEL)
    reports.push(...(await Promise.all(mailboxes.slice(i, i + PARALLEL).map((m) => runOne(m, timeoutMs)))));
  return reports;
}

/** A platform job over every organization's mailboxes, hence the service role inside. */
export const mailboxPollJob = defineJob({
  ...mailboxPollQueue,
  async run(input) {
    await runMailboxPoll(input.channelId ? { channelId: input.channelId } : undefined);
  },
});
