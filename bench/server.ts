/**
 * The production server the HTTP benchmarks measure: `next build` when the build lacks the
 * routes a benchmark needs, then `next start` on a free port in its own process group, with
 * only the environment the benchmark hands it. BENCH_APP_LOCK names a file to `flock` around
 * the build and while the server runs, for trees where others build `.next` too.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LOCK = process.env.BENCH_APP_LOCK || null;

/** The command, under `flock BENCH_APP_LOCK` when set. */
function locked(command: string, args: string[]): [string, string[]] {
  return LOCK ? ["flock", [LOCK, command, ...args]] : [command, args];
}

const nextBin = (appDir: string) => path.join(appDir, "node_modules", "next", "dist", "bin", "next");

/** Builds unless `.next` holds a build with `route` (a path under .next/server/app, e.g. "api/health/route.js"). */
export function ensureBuild(appDir: string, route: string, force: boolean): { built: boolean; ms: number } {
  const missing = !existsSync(path.join(appDir, ".next", "BUILD_ID"))
    ? "no build"
    : !existsSync(path.join(appDir, ".next", "server", "app", route))
      ? `a build without ${route}`
      : null;
  if (!missing && !force) return { built: false, ms: 0 };
  console.log(`next build in ${appDir} (${force ? "--build" : missing}) …`);
  const start = performance.now();
  const [command, args] = locked(process.execPath, [nextBin(appDir), "build"]);
  execFileSync(command, args, {
    cwd: appDir,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  return { built: true, ms: performance.now() - start };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type Server = {
  child: ChildProcess;
  port: number;
  appUrl: string;
  logFile: string;
  profileDir: string | null;
  stop: () => Promise<void>;
};

/**
 * `next start` from `appDir`, healthy (GET /api/health) before it returns. `env` gets the app URL
 * and returns what the server needs on top of NODE_ENV=production and PATH/HOME/locale/CA
 * settings: nothing else from this shell leaks in (no stray Supabase or AI keys).
 */
export async function startServer(options: {
  name: string;
  appDir: string;
  env: (appUrl: string) => Record<string, string>;
  cpuProfile?: boolean;
  port?: number;
}): Promise<Server> {
  const port = options.port ?? (await freePort());
  const appUrl = `http://127.0.0.1:${port}`;
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const logFile = path.join(os.tmpdir(), `kiln-bench-${options.name}-server-${stamp}.log`);
  const profileDir = options.cpuProfile ? path.join(os.tmpdir(), `kiln-bench-${options.name}-prof-${stamp}`) : null;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const pass = ["PATH", "HOME", "LANG", "TMPDIR", "NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE"];
  const env: Record<string, string> = Object.fromEntries(
    pass.filter((k) => process.env[k]).map((k) => [k, process.env[k]!]),
  );
  Object.assign(env, { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", APP_URL: appUrl }, options.env(appUrl));
  const out = openSync(logFile, "a");
  const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const [command, args] = locked(process.execPath, [
    ...profile,
    nextBin(options.appDir),
    "start",
    "-p",
    String(port),
    "-H",
    "127.0.0.1",
  ]);
  const child = spawn(command, args, {
    cwd: options.appDir,
    env: env as NodeJS.ProcessEnv,
    detached: true, // its own process group: stopped as a group, counted as a group
    stdio: ["ignore", out, out],
  });
  closeSync(out);
  let exited = false;
  child.on("exit", () => (exited = true));
  const stop = async () => {
    if (exited || !child.pid) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    for (let i = 0; i < 100 && !exited; i++) await sleep(100);
    if (!exited) process.kill(-child.pid, "SIGKILL");
  };
  const started = performance.now();
  while (true) {
    if (exited)
      throw new Error(
        `The server exited during start-up; see ${logFile}:\n${readFileSync(logFile, "utf8").slice(-3000)}`,
      );
    try {
      const res = await fetch(`${appUrl}/api/health`);
      const body = (await res.json()) as { status?: string };
      if (res.ok && body.status === "ok") break;
    } catch {
      // not listening yet
    }
    // With a lock, the wait includes whoever holds it (a browser test's build, say).
    if (performance.now() - started > (LOCK ? 900_000 : 120_000)) {
      await stop();
      throw new Error(`The server did not become healthy in time; see ${logFile}.`);
    }
    await sleep(250);
  }
  console.log(
    `Server up on ${appUrl} in ${((performance.now() - started) / 1000).toFixed(1)} s (pid ${child.pid}, log ${logFile}).`,
  );
  return { child, port, appUrl, logFile, profileDir, stop };
}
