import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { isPlatformAdmin } from "@/lib/auth/platform";
import { getSession } from "@/lib/auth/session";
import { outboxEnabled, readOutbox } from "@/lib/email/outbox";

export const metadata: Metadata = { title: "Development outbox" };

/**
 * Emails that would have been sent, when SMTP_URL is not set. Development only: a
 * production build answers 404 unless KILN_DEV_OUTBOX=true (the end-to-end test server).
 * The emails hold reset and invitation links, so a signed-in person sees only the ones
 * addressed to them; a platform admin (lib/auth/platform.ts) sees all.
 * Not translated on purpose: a developer tool, never shown to customers.
 */
export default async function OutboxPage() {
  await connection();
  if (!outboxEnabled()) notFound();
  const session = await getSession();
  if (!session) redirect(`/sign-in?next=${encodeURIComponent("/dev/outbox")}`);
  const everyone = await isPlatformAdmin(session);
  const emails = await readOutbox(200, everyone ? undefined : session.user.email);
  return (
    <main className="mx-auto max-w-3xl space-y-4 p-6">
      <h1 className="text-2xl font-semibold">Development outbox</h1>
      <p className="text-sm text-muted-foreground" data-testid="outbox-scope">
        SMTP_URL is not set, so emails land here instead of leaving this machine.{" "}
        {everyone ? "As a platform admin you see every email." : `Emails to ${session.user.email}.`} Newest first,{" "}
        {emails.length} shown.
      </p>
      {emails.length === 0 ? (
        <p className="rounded-md border border-dashed border-border-strong p-6 text-center text-sm text-subtle-foreground">
          No emails yet.
        </p>
      ) : (
        <ul className="space-y-3">
          {emails.map((email) => (
            <li
              key={email.id}
              data-testid="outbox-email"
              data-to={email.to}
              className="rounded-md border border-border p-4"
            >
              <p className="text-xs text-subtle-foreground">
                <time dateTime={email.createdAt}>
                  {new Date(email.createdAt).toISOString().replace("T", " ").slice(0, 19)} UTC
                </time>{" "}
                · to {email.to}
              </p>
              <p className="font-medium">{email.subject}</p>
              <pre className="mt-2 text-sm whitespace-pre-wrap text-secondary-foreground">{email.text}</pre>
              {email.attachments?.length ? (
                <ul className="mt-2 space-y-1 text-sm">
                  {email.attachments.map((file, index) => (
                    <li key={index} data-testid="outbox-attachment">
                      <a
                        className="text-primary-text hover:underline"
                        href={`data:${file.contentType};base64,${file.contentBase64}`}
                        download={file.filename}
                      >
                        {file.filename}
                      </a>{" "}
                      <span className="text-subtle-foreground">({Math.ceil(file.size / 1024)} KB)</span>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
