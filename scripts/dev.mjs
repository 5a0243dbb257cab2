#!/usr/bin/env node
// `npm run dev`: `next dev` on loopback only. A development server signs in the demo
// accounts with a published password and shows every email it "sent" at /dev/outbox, so it
// must not be reachable from the network by accident. KILN_DEV_HOST opts in to another
// address (e.g. KILN_DEV_HOST=0.0.0.0 to open it from a phone on the same network).
// Further arguments go to next dev: `npm run dev -- -p 3001`.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const host = process.env.KILN_DEV_HOST?.trim() || "127.0.0.1";

const server = spawn(process.execPath, [nextBin, "dev", "--hostname", host, ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
