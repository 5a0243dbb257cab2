import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const FORM_RULE = {
  selector: "JSXOpeningElement[name.name='form']",
  message: "Use Form and SubmitButton from @/components/ui/form instead of a raw <form>: it posts, never GETs fields into a URL.",
};

const config = [
  ...next,
  ...nextTs,
  {
    rules: {
      // `const { secret, ...rest } = row` is how a field is dropped; `_name` marks a deliberate unused.
      "@typescript-eslint/no-unused-vars": ["warn", { ignoreRestSiblings: true, argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // A bare <form> without method="post" submits natively as a GET before hydration, putting every
    // field into the URL; Form (with SubmitButton) is the one place that gets this right.
    ignores: ["components/ui/form.tsx"],
    rules: {
      "no-restricted-syntax": ["error", FORM_RULE],
    },
  },
  {
    // Colours are semantic tokens (app/globals.css: bg-surface, text-muted-foreground, bg-primary…)
    // whose dark values are set once on .dark. A `dark:` class or a raw orange (the brand) in a
    // screen re-types a colour pair that the theme owns; only the kit in components/ui may do it.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: ["components/ui/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        // Repeated here: a later block's no-restricted-syntax replaces the earlier one's list.
        FORM_RULE,
        ...["Literal[value=/(^|[\\s:])dark:/]", "TemplateElement[value.raw=/(^|[\\s:])dark:/]"].map((selector) => ({
          selector,
          message: "No dark: classes outside components/ui: use a colour token from app/globals.css (bg-surface, text-foreground, border-border…), whose dark value is set once.",
        })),
        ...["Literal[value=/(^|[\\s:])[a-z-]+-orange-[0-9]/]", "TemplateElement[value.raw=/(^|[\\s:])[a-z-]+-orange-[0-9]/]"].map((selector) => ({
          selector,
          message: "No raw orange classes: the brand colour is the primary token (bg-primary, text-primary-text, bg-primary-surface, outline-ring…).",
        })),
      ],
    },
  },
  {
    // Layers point down: an import circle (the database reaching the demo seed reaching every
    // domain) is an error, whatever its length.
    files: ["lib/**", "app/**", "components/**"],
    // Dependencies cannot import us back: not parsed (pglite's bundle overflows the parser's stack).
    settings: { "import/ignore": ["node_modules"] },
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  { ignores: [".next/**", ".data/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
];

export default config;
