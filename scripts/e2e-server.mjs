#!/usr/bin/env node
// The server Playwright tests run against (playwright.config.ts → webServer).
//
// 1. Builds with `next build` only when the build is missing or older than the sources,
//    so CI (which runs `npm run build` first) does not build twice.
// 2. Deletes .data/e2e: every run starts on a fresh embedded database with demo data.
// 3. Runs `next start -p 3100` in production mode with fixed, test-only secrets.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PORT = "3100";
const DATA_DIR = ".data/e2e";

const SOURCE_DIRS = ["app", "components", "lib", "messages"];
const CONFIG_FILES = [
  "next.config.ts",
  "next.config.mjs",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "postcss.config.mjs",
];
// Root-level modules Next compiles (proxy.ts, instrumentation*.ts, …), not the test runners' configs.
const rootModules = () =>
  readdirSync(root).filter(
    (file) => /\.tsx?$/.test(file) && !file.endsWith(".d.ts") && !/^(playwright|vitest)\.config\./.test(file),
  );

const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: "",
  PGLITE_DIR: `${DATA_DIR}/pglite`,
  KILN_DATA_DIR: DATA_DIR,
  KILN_DEMO_SEED: "true",
  // Production mode would give the demo accounts generated passwords; the browser tests sign in with this one.
  KILN_DEMO_PASSWORD: "kiln-demo-pass",
  // /dev/outbox (emails that would have been sent) is development-only; the browser tests read it.
  KILN_DEV_OUTBOX: "true",
  // The platform admin console's browser test (tests/e2e/admin.spec.ts) signs in as this demo owner.
  KILN_PLATFORM_ADMINS: "owner@globex.test",
  APP_URL: `http://localhost:${PORT}`,
  // The webhook browser test delivers to a receiver it starts on localhost.
  KILN_WEBHOOKS_ALLOW_PRIVATE: "true",
  // Test-only values; production mode refuses to start without them.
  AUTH_SECRET: "kiln-e2e-auth-secret-not-for-production-0123456789",
  ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
};

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

function buildIsStale() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return "no build yet";
  const built = statSync(buildId).mtimeMs;
  for (const source of [...SOURCE_DIRS, ...CONFIG_FILES, ...rootModules()]) {
    if (newestMtime(path.join(root, source)) > built) return `${source} changed since the last build`;
  }
  return null;
}

const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

const stale = buildIsStale();
if (stale) {
  console.log(`[e2e-server] building (${stale})…`);
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: "inherit" });
  if (build.status !== 0) {
    console.error(`[e2e-server] next build failed (exit ${build.status ?? build.signal})`);
    process.exit(build.status ?? 1);
  }
} else {
  console.log("[e2e-server] reusing the existing build in .next");
}

rmSync(path.join(root, DATA_DIR), { recursive: true, force: true });

console.log(`[e2e-server] starting next on http://localhost:${PORT} with a fresh database in ${DATA_DIR}`);
const server = spawn(process.execPath, [nextBin, "start", "-p", PORT], { cwd: root, env, stdio: "inherit" });

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
