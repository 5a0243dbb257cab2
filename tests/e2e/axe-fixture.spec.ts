import { BROWSER_NEW_PAGE_REFUSED, expect, test } from "./fixtures";

/** The axe fixture's own rule (tests/e2e/fixtures.ts): no spec opens a page the axe check does not watch. */

test("a page from browser.newPage(), which the axe check does not watch, is refused with a message naming browser.newContext()", async ({
  browser,
}) => {
  await expect(browser.newPage()).rejects.toThrow(BROWSER_NEW_PAGE_REFUSED);
  expect(BROWSER_NEW_PAGE_REFUSED).toContain("browser.newContext()");
});
