import { describe, expect, it } from "vitest";
import { visualOrder } from "@/lib/reports/visual-order";

const reversed = (text: string) => [...text].reverse().join("");

describe("visualOrder", () => {
  it("leaves a left-to-right line without right-to-left letters as it is", () => {
    expect(visualOrder("Acme Solar (Zürich): 1'234.5", "ltr")).toBe("Acme Solar (Zürich): 1'234.5");
  });

  it("reverses a Hebrew line and keeps numbers, e-mail addresses and Latin names in their own order", () => {
    expect(visualOrder("דוח לוח בקרה", "rtl")).toBe(reversed("דוח לוח בקרה"));
    expect(visualOrder("מייל: dana@example.com, 1,234.5", "rtl")).toBe(
      `dana@example.com, 1,234.5 ${reversed("מייל:")}`,
    );
  });

  it("mirrors brackets inside a right-to-left run", () => {
    expect(visualOrder("שלום (עולם)", "rtl")).toBe(`(${reversed("עולם")}) ${reversed("שלום")}`);
  });

  it("orders a Hebrew name inside an English line", () => {
    expect(visualOrder("Owner: דנה כהן, Acme", "ltr")).toBe(`Owner: ${reversed("דנה כהן")}, Acme`);
  });

  it("moves an emoji as one and drops directional marks", () => {
    expect(visualOrder("שלום 👋🏽\u200f", "rtl")).toBe(`👋🏽 ${reversed("שלום")}`);
  });
});
