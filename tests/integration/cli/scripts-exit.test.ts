import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import packageJson from "../../../package.json";

/**
 * Every `npm run` command a person types closes what it opened (pools, LISTEN connections,
 * the job queue and its timers) and exits by itself with status 0. Runs against a scratch
 * database of its own: a PostgreSQL database created for this file in the `integration-pg`
 * project (so db:reset never touches the shared test database), a temporary PGlite folder
 * in the `integration` project.
 */

/** Longer than any command needs on a busy machine; a command still running then never exits. */
const COMMAND_TIMEOUT_MS = 240_000;
const serverUrl = process.env.DATABASE_URL;
const target = serverUrl ? "PostgreSQL" : "a temporary PGlite folder";

type Outcome = { code: number | null; timedOut: boolean; output: string };

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { stopWhen?: RegExp } = {},
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a hung command is killed with everything it started.
    const child = spawn(command, args, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let stopped = false;
    const collect = (chunk: Buffer) => {
      output += chunk;
      // A long-running command (the worker) is stopped the way a process manager stops it.
      if (options.stopWhen?.test(output) && !stopped) {
        stopped = true;
        child.kill("SIGTERM");
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid!, "SIGKILL");
    }, COMMAND_TIMEOUT_MS);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut, output });
    });
  });
}

const npmRun = (script: string, args: string[], env: NodeJS.ProcessEnv) =>
  run("npm", ["run", "--silent", script, ...(args.length ? ["--", ...args] : [])], env);

/** What `npm run <script>` runs, started directly so a signal reaches the script itself rather than npm. */
function scriptCommand(script: string): [string, string[]] {
  const [bin, ...args] = (packageJson.scripts as Record<string, string>)[script]!.split(" ");
  return [path.join("node_modules", ".bin", bin!), args];
}

let env: NodeJS.ProcessEnv;
let cleanup = async () => {};

beforeAll(async () => {
  const scratch = mkdtempSync(path.join(tmpdir(), "kiln-cli-"));
  env = {
    ...process.env,
    NODE_ENV: "development", // as a person runs them
    KILN_DATA_DIR: scratch,
    PGLITE_DIR: path.join(scratch, "pglite"),
    DATABASE_URL: "",
    KILN_DEMO_SEED: "",
    LOG_LEVEL: "warn",
  };
  if (!serverUrl) {
    cleanup = async () => rmSync(scratch, { recursive: true, force: true });
    return;
  }
  const name = `kiln_cli_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  cleanup = async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
    rmSync(scratch, { recursive: true, force: true });
  };
});

afterAll(() => cleanup());

const expectExitedCleanly = (outcome: Outcome) => {
  expect(outcome.timedOut, `still running after ${COMMAND_TIMEOUT_MS} ms:\n${outcome.output}`).toBe(false);
  expect(outcome.code, outcome.output).toBe(0);
};

// One after another: each command needs the database the previous one left.
describe(
  `every npm run command exits by itself with status 0 (${target})`,
  { timeout: COMMAND_TIMEOUT_MS + 10_000 },
  () => {
    it("db:migrate applies the migrations and exits", async () => {
      const outcome = await npmRun("db:migrate", [], env);
      expectExitedCleanly(outcome);
      expect(outcome.output).toContain("Applied:");
    });

    it("db:seed seeds the demo data and exits", async () => {
      const outcome = await npmRun("db:seed", [], env);
      expectExitedCleanly(outcome);
      expect(outcome.output).toContain("Demo data seeded.");
    });

    it("db:seed on a seeded database seeds nothing and exits", async () => {
      const outcome = await npmRun("db:seed", [], env);
      expectExitedCleanly(outcome);
      expect(outcome.output).toContain("nothing seeded");
    });

    it("leads:decay evaluates the leads and exits", async () => {
      const outcome = await npmRun("leads:decay", [], env);
      expectExitedCleanly(outcome);
      expect(outcome.output).toMatch(/Evaluated \d+ leads/);
    });

    it("db:reset empties, migrates and seeds the database and exits", async () => {
      const outcome = await npmRun("db:reset", [], env);
      expectExitedCleanly(outcome);
      expect(outcome.output).toContain("Database reset, migrated and seeded with demo data.");
    });

    if (serverUrl) {
      it("worker runs the job workers until SIGTERM, then stops them and exits", async () => {
        const [command, args] = scriptCommand("worker");
        const outcome = await run(command, args, { ...env, LOG_LEVEL: "info" }, { stopWhen: /worker running/ });
        expectExitedCleanly(outcome);
        expect(outcome.output).toContain("worker stopping");
      });
    } else {
      it("worker refuses the embedded database with a clear message and exits", async () => {
        const outcome = await npmRun("worker", [], env);
        expect(outcome.timedOut).toBe(false);
        expect(outcome.code).toBe(1);
        expect(outcome.output).toContain("npm run worker needs DATABASE_URL");
      });
    }

    it("ai:extract runs the offline assistant over a file and exits", async () => {
      const outcome = await npmRun("ai:extract", ["tests/fixtures/bant/corpus/en.probe.jsonl", "--local"], env);
      expectExitedCleanly(outcome);
      expect(outcome.output).toContain('"bant"');
    });

    it("ai:eval scores the offline assistant on a labelled file and exits", async () => {
      const outcome = await npmRun("ai:eval", ["tests/fixtures/bant/corpus/en.probe.jsonl", "--local"], env);
      expectExitedCleanly(outcome);
      expect(outcome.output).toContain('"provider":"local"');
    });
  },
);
