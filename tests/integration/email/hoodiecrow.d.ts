// hoodiecrow-imap ships no types: the little of it the IMAP stand-in (imap-server.ts) uses.
declare module "hoodiecrow-imap" {
  import type { Server } from "node:net";
  type Message = { uid: number; raw: string; internaldate: string | Date; flags: string[] };
  type Folder = { uidvalidity: number; uidnext: number; messages: Message[] };
  interface HoodiecrowServer {
    server: Server;
    listen(port: number, host: string, callback: () => void): void;
    close(callback: () => void): void;
    getMailbox(path: string): Folder;
    appendMessage(mailbox: string | Folder, flags: string[], internaldate: Date, raw: string): { message: Message };
  }
  export default function hoodiecrow(options: {
    plugins?: string[];
    users?: Record<string, { password: string }>;
    storage?: Record<string, { uidvalidity?: number; messages?: { raw: string; internaldate?: Date }[] }>;
  }): HoodiecrowServer;
}
