import { expect, test, signIn } from "./fixtures";

/**
 * An agent's model is picked from the operator's list (OPENAI_ALLOWED_MODELS), never typed:
 * a tenant cannot put an expensive model on the operator's key from the form.
 */
test("the agent form offers only the models the server allows, and the choice is saved", async ({ page }) => {
  await signIn(page, "manager@acme.test");
  await page.goto("/agents");
  const card = page.getByRole("listitem", { name: "Sunny" });
  await card.getByRole("button", { name: "Edit" }).click();

  const model = page.getByTestId("agent-form").getByTestId("agent-model");
  await expect(model.locator("option")).toHaveText([
    "Default model (gpt-4o-mini)",
    "gpt-4o-mini",
    "gpt-4.1-mini",
    "gpt-4.1-nano",
  ]);
  await model.selectOption("gpt-4.1-mini");
  await page.getByTestId("agent-form").getByRole("button", { name: "Save" }).click();
  await expect(card).toContainText("gpt-4.1-mini");

  // Back to the server's default, as the other journeys expect.
  await card.getByRole("button", { name: "Edit" }).click();
  await page.getByTestId("agent-form").getByTestId("agent-model").selectOption("");
  await page.getByTestId("agent-form").getByRole("button", { name: "Save" }).click();
  await expect(card).not.toContainText("gpt-4.1-mini");
});
