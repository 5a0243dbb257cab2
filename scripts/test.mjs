#!/usr/bin/env node
// `npm test`: every vitest project (integration-pg joins when TEST_DATABASE_URL is set),
// then the Playwright journeys. Exits non-zero if either fails, and ends with one line
// `N passed, N failed` summing both runners (read from their JSON reports).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const reportDir = path.join(root, ".data", "test-reports");
const vitestReport = path.join(reportDir, "vitest.json");
const playwrightReport = path.join(reportDir, "playwright.json");

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(
    `Chromium was not found at ${chromium}; the end-to-end tests need it.\n` +
      `Install it with \`apt-get install -y chromium\` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.`,
  );
  process.exit(1);
}

mkdirSync(reportDir, { recursive: true });
rmSync(vitestReport, { force: true });
rmSync(playwrightReport, { force: true });

const bin = (name) => path.join(root, "node_modules", ".bin", name);

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}: ${path.basename(command)} ${args.join(" ")}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (result.error) console.error(`${label} could not start: ${result.error.message}`);
  return result.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

// A runner that failed without a failed test (no report, a file that did not load, a
// web server that did not start) counts as one failure, so a red run never says "0 failed".
function counts(exitCode, report, read) {
  if (!report) return { passed: 0, failed: exitCode === 0 ? 0 : 1 };
  const { passed, failed } = read(report);
  return { passed, failed: exitCode !== 0 && failed === 0 ? 1 : failed };
}

const vitestExit = run("vitest", bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestReport}`,
]);
const vitest = counts(vitestExit, readJson(vitestReport), (r) => ({
  passed: r.numPassedTests ?? 0,
  failed: r.numFailedTests ?? 0,
}));

// Playwright starts its web server (a production build) even for zero tests; skip it then.
const hasE2eTests = (dir) =>
  existsSync(dir) &&
  readdirSync(dir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory() ? hasE2eTests(path.join(dir, entry.name)) : /\.(spec|test)\.[cm]?[jt]sx?$/.test(entry.name),
  );

let playwrightExit = 0;
if (hasE2eTests(path.join(root, "tests", "e2e"))) {
  playwrightExit = run("playwright", bin("playwright"), ["test", "--reporter=list,json"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
  });
} else {
  console.log("\n▶ playwright: no tests in tests/e2e, skipped");
}
const playwright = counts(playwrightExit, readJson(playwrightReport), (r) => ({
  // flaky = passed on retry
  passed: (r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0),
  failed: r.stats?.unexpected ?? 0,
}));

// The last lines are what a CI log shows first: name every failed test there, and every test
// that passed only on its retry, so a red or wobbly run says which test without the whole log.
function vitestOutcomes(report) {
  const failed = [];
  const flaky = [];
  for (const file of report?.testResults ?? []) {
    const where = path.relative(root, file.name);
    if (file.status === "failed" && !(file.assertionResults ?? []).some((a) => a.status === "failed"))
      failed.push(`${where}: ${(file.message ?? "the file failed to load").split("\n")[0]}`);
    for (const a of file.assertionResults ?? []) {
      const first = (a.failureMessages ?? [])[0]?.split("\n")[0] ?? "";
      if (a.status === "failed") failed.push(`${where} › ${a.fullName}: ${first}`);
      else if (a.status === "passed" && (a.failureMessages ?? []).length > 0)
        flaky.push(`${where} › ${a.fullName}: ${first}`);
    }
  }
  return { failed, flaky };
}

function playwrightOutcomes(report) {
  const failed = [];
  const flaky = [];
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests ?? []) {
        const name = `${spec.file} › ${[...titles, spec.title].join(" › ")}`;
        const error = test.results?.find((r) => r.error)?.error?.message?.split("\n")[0] ?? "";
        if (test.status === "unexpected") failed.push(`${name}: ${error}`);
        else if (test.status === "flaky") flaky.push(`${name}: ${error}`);
      }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  // Top-level suites are the spec files; nested ones are describe blocks.
  for (const suite of report?.suites ?? []) walk(suite, []);
  return { failed, flaky };
}

const outcomes = [vitestOutcomes(readJson(vitestReport)), playwrightOutcomes(readJson(playwrightReport))];
const flakyTests = outcomes.flatMap((o) => o.flaky);
const failedTests = outcomes.flatMap((o) => o.failed);
if (flakyTests.length > 0) console.log(`\npassed only on retry (${flakyTests.length}):\n  ${flakyTests.join("\n  ")}`);
if (failedTests.length > 0) console.log(`\nfailed (${failedTests.length}):\n  ${failedTests.join("\n  ")}`);

console.log(
  `\nvitest: ${vitest.passed} passed, ${vitest.failed} failed (exit ${vitestExit}); ` +
    `playwright: ${playwright.passed} passed, ${playwright.failed} failed (exit ${playwrightExit})`,
);
console.log(`${vitest.passed + playwright.passed} passed, ${vitest.failed + playwright.failed} failed`);
process.exit(vitestExit !== 0 || playwrightExit !== 0 ? 1 : 0);
