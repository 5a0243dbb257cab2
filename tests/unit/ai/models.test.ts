import { describe, expect, it } from "vitest";
import { aiConfig, isAllowedModel } from "@/lib/ai/config";
import { EnvError } from "@/lib/env";

/** Which models an agent may use: the operator's list (OPENAI_ALLOWED_MODELS), always with the default model. */
describe("allowed models", () => {
  it("defaults to OPENAI_MODEL and a few inexpensive models", () => {
    expect(aiConfig({}).allowedModels).toEqual(["gpt-4o-mini", "gpt-4.1-mini", "gpt-4.1-nano"]);
    expect(aiConfig({ OPENAI_MODEL: "llama3.1" }).allowedModels).toEqual([
      "llama3.1",
      "gpt-4o-mini",
      "gpt-4.1-mini",
      "gpt-4.1-nano",
    ]);
  });

  it("OPENAI_ALLOWED_MODELS replaces the defaults; the default model stays allowed", () => {
    const source = { OPENAI_MODEL: "gpt-4o-mini", OPENAI_ALLOWED_MODELS: "gpt-4.1-mini, qwen2.5:14b," };
    expect(aiConfig(source).allowedModels).toEqual(["gpt-4o-mini", "gpt-4.1-mini", "qwen2.5:14b"]);
    expect(isAllowedModel("qwen2.5:14b", source)).toBe(true);
    expect(isAllowedModel(null, source)).toBe(true);
    expect(isAllowedModel("o1-pro", source)).toBe(false);
  });

  it("a malformed list stops the start with a message naming the variable", () => {
    expect(() => aiConfig({ OPENAI_ALLOWED_MODELS: "gpt-4o-mini; rm -rf" })).toThrow(EnvError);
    expect(() => aiConfig({ OPENAI_ALLOWED_MODELS: "gpt-4o-mini; rm -rf" })).toThrow(/OPENAI_ALLOWED_MODELS/);
  });
});
