import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

/**
 * The server's shutdown handler (lib/db/shutdown.ts, installed by instrumentation-node.ts),
 * in a real process receiving real signals: tests/fixtures/shutdown/server.ts.
 */
type Outcome = { code: number | null; signal: NodeJS.Signals | null; output: string; afterSignalMs: number };

function serve(
  args: string[],
  signals: { first: NodeJS.Signals; second?: { signal: NodeJS.Signals; when: RegExp } },
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/shutdown/server.ts", ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, TSX_TSCONFIG_PATH: "tsconfig.scripts.json" }, // `server-only` as scripts resolve it
    });
    let output = "";
    let signalledAt = 0;
    let secondSent = false;
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
      if (!signalledAt && output.includes("ready")) {
        signalledAt = Date.now();
        child.kill(signals.first);
      }
      if (signals.second && !secondSent && signals.second.when.test(output)) {
        secondSent = true;
        child.kill(signals.second.signal);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output, afterSignalMs: Date.now() - signalledAt });
    });
  });
}

describe("closing the database when the server is told to stop", { timeout: 60_000 }, () => {
  it("under next start's own SIGTERM handler, the database closes before the process exits with next's status", async () => {
    const outcome = await serve(["next", "300"], { first: "SIGTERM" });
    expect(outcome.code, outcome.output).toBe(143);
    expect(outcome.output).toMatch(/closing\s+closed/);
  });

  it("with no other handler, SIGTERM closes the database and then ends the process by that signal", async () => {
    const outcome = await serve(["alone", "300"], { first: "SIGTERM" });
    expect(outcome.signal, outcome.output).toBe("SIGTERM");
    expect(outcome.output).toMatch(/closing\s+closed/);
  });

  it("SIGINT (Ctrl-C) closes the database too", async () => {
    const outcome = await serve(["alone", "100"], { first: "SIGINT" });
    expect(outcome.signal, outcome.output).toBe("SIGINT");
    expect(outcome.output).toMatch(/closing\s+closed/);
  });

  it("a second signal is not swallowed: during a slow close it ends the process at once", async () => {
    const outcome = await serve(["alone", "60000"], {
      first: "SIGTERM",
      second: { signal: "SIGINT", when: /closing/ },
    });
    expect(outcome.signal, outcome.output).toBe("SIGINT");
    expect(outcome.output).not.toContain("closed");
    expect(outcome.afterSignalMs).toBeLessThan(10_000);
  });

  it("a close that hangs does not keep a stopped server alive", async () => {
    const outcome = await serve(["next", "60000", "500"], { first: "SIGTERM" });
    expect(outcome.code, outcome.output).toBe(143);
    expect(outcome.output).toContain("close failed: the database did not close within 500 ms");
    expect(outcome.afterSignalMs).toBeLessThan(10_000);
  });
});
