import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import axeCore from "axe-core";
import { test as base, expect, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";

export { expect };

/**
 * Every page the browser suite visits is checked by axe-core: the WCAG 2.0/2.1 A and AA rules,
 * and a test fails (at its teardown, so a check never races the test's own navigation) on any
 * `serious` or `critical` violation. Each distinct URL path is analysed once per test, after its
 * main-frame navigation has loaded and the DOM has gone quiet; an analysis cut short by the test
 * navigating on is dropped, and whatever page is still open at the end is analysed then.
 * Pages of contexts a test opens itself (`browser.newContext()`) are watched too; `browser.newPage()`
 * throws instead (see BROWSER_NEW_PAGE_REFUSED). Specs import `test` and `expect` from here instead
 * of "@playwright/test".
 * A context with JavaScript disabled is not analysed: axe runs as a script in the page (the same
 * pages are analysed with JavaScript by tests/e2e/accessibility.spec.ts).
 */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const BLOCKING_IMPACTS = new Set(["serious", "critical"]);

export type AxeFinding = {
  page: string;
  rule: string;
  impact: string;
  help: string;
  helpUrl: string;
  targets: string[];
};

const pathOf = (url: string): string | null => {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.pathname : null;
  } catch {
    return null;
  }
};

/** Errors that only mean "the page moved on or closed while we looked": the analysis is dropped, not failed. */
const PAGE_MOVED_ON =
  /Execution context was destroyed|Target page, context or browser has been closed|Target closed|navigat|frame was detached|Cannot find context/i;

/** Where a watched page keeps the time (`performance.now()`) its DOM last changed. */
const LAST_MUTATION = "__kilnAxeLastMutation";

/** Runs in every page of a watched context before its own scripts: records when its DOM last changed. */
function recordDomMutations(key: string) {
  const times = window as unknown as Record<string, number>;
  times[key] = performance.now();
  new MutationObserver(() => {
    times[key] = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

/**
 * Resolves once the page's DOM has had no mutation for `quietMs` (hydration, streamed chunks, first
 * queries), at most `maxMs` from now. Quiet time already past counts, so a page that settled while
 * the test looked at it is analysed at once. A page the recorder was not installed in (opened before
 * its context was watched) is observed from now on.
 */
async function domSettled(page: Page, quietMs = 400, maxMs = 4000) {
  await page.evaluate(
    ([key, quiet, max]) =>
      new Promise<void>((resolve) => {
        const times = window as unknown as Record<string, number | undefined>;
        const start = performance.now();
        if (times[key] === undefined) {
          times[key] = start;
          new MutationObserver(() => {
            times[key] = performance.now();
          }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        }
        const poll = () => {
          const now = performance.now();
          const quietFor = now - times[key]!;
          if (quietFor >= quiet || now - start >= max) resolve();
          else setTimeout(poll, Math.min(quiet - quietFor, max - (now - start)));
        };
        poll();
      }),
    [LAST_MUTATION, quietMs, maxMs] as const,
  );
}

/**
 * Loads axe into the page and runs it in one evaluation, so both happen in the same document: a
 * navigation in between destroys the evaluation (a "moved on" error) instead of running in a new
 * document that has no axe. (@axe-core/playwright injects with a one-second timeout whose expiry it
 * ignores, then calls `window.axe.run`, which on a busy machine failed with "reading 'run'".)
 */
async function runAxe(page: Page): Promise<axeCore.AxeResults> {
  const options: axeCore.RunOptions = { runOnly: { type: "tag", values: AXE_TAGS } };
  return page.evaluate(
    `${axeCore.source};\n` + `window.axe.run(document, ${JSON.stringify(options)});`,
  ) as Promise<axeCore.AxeResults>;
}

export class AxeAudit {
  private readonly analysed = new Set<string>();
  private readonly findings: AxeFinding[] = [];
  /** Analyses that failed for another reason than the page moving on: reported, never swallowed. */
  private readonly failures: string[] = [];
  private readonly queues = new WeakMap<Page, Promise<void>>();
  private readonly pages = new Set<Page>();

  async watchContext(context: BrowserContext) {
    await context.addInitScript(recordDomMutations, LAST_MUTATION);
    for (const page of context.pages()) this.watchPage(page);
    context.on("page", (page) => this.watchPage(page));
  }

  private watchPage(page: Page) {
    if (this.pages.has(page)) return;
    this.pages.add(page);
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) this.enqueue(page, () => this.analyseOnce(page));
    });
  }

  /** One analysis at a time per page, in navigation order; never rejects (a failure is recorded for the teardown). */
  private enqueue(page: Page, task: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(page) ?? Promise.resolve()).then(task).catch((error: unknown) => {
      if (error instanceof Error && PAGE_MOVED_ON.test(error.message)) return;
      this.failures.push(`${page.url()}: ${error instanceof Error ? error.message : String(error)}`);
    });
    this.queues.set(page, next);
    return next;
  }

  private async analyseOnce(page: Page) {
    const path = pathOf(page.url());
    if (!path || this.analysed.has(path) || page.isClosed()) return;
    await page.waitForLoadState("load");
    await domSettled(page);
    if (pathOf(page.url()) !== path || this.analysed.has(path)) return;
    await this.analyse(page, path);
  }

  /** Runs axe on the page as it is now and records its serious and critical violations under `label`. */
  async analyse(page: Page, label: string) {
    const path = pathOf(page.url());
    if (!path) return;
    const isHtml = await page.evaluate(() => document.contentType === "text/html");
    if (!isHtml) return;
    const results = await runAxe(page);
    // A client-side navigation during the analysis mixed two pages: drop it, the new path gets its own.
    if (pathOf(page.url()) !== path) return;
    this.analysed.add(path);
    for (const violation of results.violations) {
      if (!BLOCKING_IMPACTS.has(violation.impact ?? "")) continue;
      this.findings.push({
        page: label,
        rule: violation.id,
        impact: violation.impact ?? "",
        help: violation.help,
        helpUrl: violation.helpUrl,
        targets: violation.nodes.map((node) => node.target.map(String).join(" ")),
      });
    }
  }

  /** Analyses `page` now (once its DOM is quiet), whether or not its path was seen in this test. */
  async check(page: Page, label = pathOf(page.url()) ?? page.url()) {
    // Claimed now, so the automatic analysis already waiting on this navigation does not repeat it.
    const path = pathOf(page.url());
    if (path) this.analysed.add(path);
    await this.enqueue(page, async () => {
      await page.waitForLoadState("load");
      await domSettled(page);
      await this.analyse(page, label);
    });
  }

  /** Waits for the analyses in flight and looks at every still-open page whose path was not analysed yet. */
  async finish() {
    for (const page of this.pages) {
      if (page.isClosed()) continue;
      await this.enqueue(page, () => this.analyseOnce(page));
    }
  }

  get violations(): readonly AxeFinding[] {
    return this.findings;
  }

  summary(): string | null {
    if (this.findings.length === 0 && this.failures.length === 0) return null;
    const lines = this.failures.map((failure) => `axe could not analyse ${failure}`);
    if (this.findings.length)
      lines.push(`axe found ${this.findings.length} serious or critical accessibility violation(s):`);
    for (const f of this.findings) {
      lines.push(`- ${f.page}: ${f.rule} (${f.impact}) ${f.help}`, `    ${f.helpUrl}`);
      for (const target of f.targets.slice(0, 8)) lines.push(`    at ${target}`);
      if (f.targets.length > 8) lines.push(`    … and ${f.targets.length - 8} more`);
    }
    return lines.join("\n");
  }
}

/**
 * `browser.newPage()` makes its context inside Playwright, past the `browser.newContext()` this
 * fixture watches, so its pages would escape the axe check unnoticed: asking for one fails the
 * test at once, saying what to use.
 */
export const BROWSER_NEW_PAGE_REFUSED =
  "browser.newPage() makes a page the axe check does not watch (tests/e2e/fixtures.ts): " +
  "use `await (await browser.newContext()).newPage()` instead.";

/**
 * Each browser context is a different person at a different address, as in real use: the
 * per-address limits (ten sign-ups an hour, failed sign-ins) would otherwise count the whole
 * run as one client, and a retried test could use up an allowance later tests need. The
 * address goes in X-Forwarded-For, which the app reads as the peer when no proxy is
 * configured (lib/http/rate-limit.ts); it stays in 127/8 so the loopback-only dev helpers
 * still answer.
 */
let clients = 0;
function clientHeaders(): Record<string, string> {
  clients += 1;
  const worker = Number(process.env.TEST_WORKER_INDEX ?? 0) % 200;
  return { "x-forwarded-for": `127.${worker + 1}.${Math.floor(clients / 250) % 250}.${(clients % 250) + 1}` };
}

/** Makes every context the test opens through `browser` watched, and refuses `browser.newPage()`, for the test's duration. */
function watchNewContexts(browser: Browser, audit: AxeAudit): () => void {
  const original = browser.newContext;
  const originalNewPage = browser.newPage;
  browser.newContext = async function (this: Browser, ...args: Parameters<Browser["newContext"]>) {
    const [options, ...rest] = args;
    const withAddress = { ...options, extraHTTPHeaders: { ...clientHeaders(), ...options?.extraHTTPHeaders } };
    const context = await original.apply(this, [withAddress, ...rest]);
    if (options?.javaScriptEnabled !== false) await audit.watchContext(context);
    return context;
  };
  browser.newPage = async () => {
    throw new Error(BROWSER_NEW_PAGE_REFUSED);
  };
  return () => {
    browser.newContext = original;
    browser.newPage = originalNewPage;
  };
}

export const test = base.extend<{ axe: AxeAudit }>({
  extraHTTPHeaders: async ({ extraHTTPHeaders }, provide) => provide({ ...clientHeaders(), ...extraHTTPHeaders }),
  axe: [
    async ({ context, browser, javaScriptEnabled }, provide, testInfo) => {
      const audit = new AxeAudit();
      if (javaScriptEnabled !== false) await audit.watchContext(context);
      const unwatch = watchNewContexts(browser, audit);
      try {
        await provide(audit);
        await audit.finish();
      } finally {
        unwatch();
      }
      const summary = audit.summary();
      if (summary) {
        await testInfo.attach("axe-violations.json", {
          body: JSON.stringify(audit.violations, null, 2),
          contentType: "application/json",
        });
        throw new Error(summary);
      }
    },
    { auto: true },
  ],
});

export const DEMO_PASSWORD = "kiln-demo-pass";

export const uniqueEmail = (prefix: string) =>
  `${prefix}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.test`;

/**
 * Signs `page` in through the route the sign-in form posts to, without rendering the form:
 * `page.request` shares the page's cookies (the session cookie it gets back signs the page in)
 * and its context's headers (the same X-Forwarded-For address, so the same rate limits). Then
 * opens the dashboard, where the form's navigation leads, and waits for it to hydrate. Specs
 * about signing in itself use signInWithForm.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  const response = await page.request.post("/api/auth/sign-in", {
    data: { email, password },
    // As a browser sends it: once the context has a cookie, the same-origin check wants an Origin.
    headers: { origin: new URL(test.info().project.use.baseURL!).origin },
  });
  expect(response.ok(), `signing in as ${email}: ${response.status()} ${await response.text()}`).toBe(true);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard$/);
  // A click or key press before React hydrates the dashboard is lost.
  await untilHydrated(page.getByTestId("user-menu"));
}

/** Signs in as a person does, through the form on /sign-in: for the specs about signing in. */
export async function signInWithForm(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.waitForLoadState("networkidle"); // typed values before hydration would be reset by the form library
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  // Signing in loads the dashboard afresh: a click or key press before React hydrates it is lost.
  await untilHydrated(page.getByTestId("user-menu"));
}

/** React attaches its props to a DOM node when it hydrates it; until then the node ignores clicks and keys. */
export async function untilHydrated(locator: Locator) {
  await expect
    .poll(() =>
      locator
        .filter({ visible: true })
        .first()
        .evaluate((node) => Object.keys(node).some((key) => key.startsWith("__reactProps$"))),
    )
    .toBe(true);
}

/**
 * The newest `linkPath` link emailed to `to`, read from the e2e server's outbox folder (it has
 * no SMTP, so every email lands there: scripts/e2e-server.mjs, KILN_DATA_DIR=.data/e2e).
 */
export async function emailedLink(to: string, linkPath: string): Promise<string> {
  const dir = path.join(".data", "e2e", "outbox");
  let link: string | undefined;
  await expect
    .poll(() => {
      const names = readdirSync(dir)
        .filter((n) => n.endsWith(".json"))
        .sort()
        .reverse();
      for (const name of names) {
        const email = JSON.parse(readFileSync(path.join(dir, name), "utf8")) as { to: string; text: string };
        if (email.to !== to.toLowerCase()) continue;
        link = email.text.match(/https?:\/\/\S+/g)?.find((url) => new URL(url).pathname === linkPath);
        if (link) break;
      }
      return link;
    })
    .toBeTruthy();
  return new URL(link!).pathname + new URL(link!).search;
}

/**
 * A new person with an organization of their own, signed up and confirmed in a fresh browser
 * context: for specs that change settings the shared demo accounts must keep.
 */
export async function signUpInNewContext(
  browser: Browser,
  who: { prefix: string; fullName: string; team: string },
  password = "correct-horse-battery",
): Promise<{ page: Page; email: string }> {
  const email = uniqueEmail(who.prefix);
  const page = await (await browser.newContext()).newPage();
  await page.goto("/sign-up");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Full name").fill(who.fullName);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Company or team name").fill(`${who.team} ${Date.now().toString(36)}`);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(`we sent a link to ${email}`)).toBeVisible();
  await page.goto(await emailedLink(email, "/sign-up/confirm"));
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  return { page, email };
}
