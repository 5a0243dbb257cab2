import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { expect } from "vitest";

/**
 * A local SMTP server standing in for SMTP_URL's relay (the edge of the world these tests
 * cannot reach): it keeps every email it is given, with its envelope, for the tests to parse.
 */
export type Received = { envelopeFrom: string; envelopeTo: string[]; raw: Buffer };

export async function startRelay() {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    // The emails with files run to tens of megabytes; a real relay takes them too.
    size: 60 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    received,
    /** Whether anything at all went to `to`. */
    mailed: (to: string) => received.some((r) => r.envelopeTo.includes(to)),
    /** The emails the relay received for `to`, parsed, oldest first; `count` of them are expected. */
    async mailsTo(to: string, count = 1): Promise<(ParsedMail & { envelopeFrom: string })[]> {
      const mails = received.filter((r) => r.envelopeTo.includes(to));
      expect(mails, `emails to ${to}`).toHaveLength(count);
      return Promise.all(
        mails.map(async (mail) => Object.assign(await simpleParser(mail.raw), { envelopeFrom: mail.envelopeFrom })),
      );
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
