import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const FORM_RULE = {
  selector: "JSXOpeningElement[name.name='form']",
  message:
    "Use Form and SubmitButton from @/components/ui/form instead of a raw <form>: it posts, never GETs fields into a URL.",
};

// A Tailwind palette colour in a class (`text-zinc-500`, `hover:bg-orange-600`): screens use tokens instead.
const PALETTE_CLASS =
  "(^|[\\s:])[a-z-]+-(orange|zinc|red|emerald|amber|sky|violet|slate|gray|neutral|stone|yellow|green|blue|indigo|purple|pink|rose|lime|teal|cyan|fuchsia)-[0-9]";

const config = [
  ...next,
  ...nextTs,
  {
    rules: {
      // `const { secret, ...rest } = row` is how a field is dropped; `_name` marks a deliberate unused.
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { ignoreRestSiblings: true, argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
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
    // whose dark values are set once on .dark. A `dark:` class or a raw palette colour (orange is the
    // brand) in a screen re-types a colour that the theme owns; only the kit in components/ui may do it.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: ["components/ui/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        // Repeated here: a later block's no-restricted-syntax replaces the earlier one's list.
        FORM_RULE,
        ...["Literal[value=/(^|[\\s:])dark:/]", "TemplateElement[value.raw=/(^|[\\s:])dark:/]"].map((selector) => ({
          selector,
          message:
            "No dark: classes outside components/ui: use a colour token from app/globals.css (bg-surface, text-foreground, border-border…), whose dark value is set once.",
        })),
        ...[`Literal[value=/${PALETTE_CLASS}/]`, `TemplateElement[value.raw=/${PALETTE_CLASS}/]`].map((selector) => ({
          selector,
          message:
            "No raw palette colours in screens (orange, zinc, red…): use a token from app/globals.css — the brand is bg-primary / text-primary-text, secondary text text-subtle-foreground, status dots bg-dot-success…",
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
  {
    // tests/e2e/fixtures.ts extends `test` with the axe check every visited page must pass; a spec
    // that takes `test` straight from Playwright would skip it.
    files: ["tests/e2e/**/*.ts"],
    ignores: ["tests/e2e/fixtures.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@playwright/test",
              importNames: ["test", "expect"],
              message: 'Import test and expect from "./fixtures": it runs axe on every page the test visits.',
            },
          ],
        },
      ],
    },
  },
  { ignores: [".next/**", ".data/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
];

export default config;
