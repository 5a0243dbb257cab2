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
  { ignores: [".next/**", ".data/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
];

export default config;
