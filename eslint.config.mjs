import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

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
      "no-restricted-syntax": [
        "error",
        {
          selector: "JSXOpeningElement[name.name='form']",
          message: "Use Form and SubmitButton from @/components/ui/form instead of a raw <form>: it posts, never GETs fields into a URL.",
        },
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
