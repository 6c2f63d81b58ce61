// ESLint: Next's core-web-vitals + TypeScript rules, jsx-a11y (via Next), and the import direction of
// shared/STYLE.md: app → components → lib/actions, lib/hooks → lib/pipeline → lib/{db, analytics, llm,
// import, validation}; lib never imports app or components; lib/analytics is pure.
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const noUi = [
  { group: ["@/app/*", "**/app/*"], message: "lib/ must not import app/ (dependencies point app → components → lib)." },
  { group: ["@/components/*", "**/components/*"], message: "lib/ must not import components/." },
];

const config = [
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      ".data/**",
      "coverage/**",
      "playwright-report/**",
      "test-results/**",
      "next-env.d.ts",
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/app/*"], message: "components/ must not import app/." }] },
      ],
    },
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["lib/analytics/**"],
    rules: { "no-restricted-imports": ["error", { patterns: noUi }] },
  },
  {
    files: [
      "lib/db/**/*.ts",
      "lib/analytics/**/*.ts",
      "lib/validation/**/*.ts",
      "lib/import/**/*.ts",
      "lib/llm/**/*.ts",
      "lib/pipeline/**/*.ts",
    ],
    ignores: ["lib/analytics/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...noUi,
            { group: ["**/actions/*", "@/lib/actions/*"], message: "Lower layers must not import server actions." },
            { group: ["**/hooks/*", "@/lib/hooks/*"], message: "Lower layers must not import React Query hooks." },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/analytics/**/*.ts"],
    // Tests import vitest and read fixtures; the purity rule is for the algorithms.
    ignores: ["lib/analytics/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(?!\\./[^/]+$|ml-matrix$)",
              message:
                "lib/analytics is pure: it imports only sibling lib/analytics modules (no Prisma, Next, React, LLM or I/O).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/db/**/*.ts"],
    ignores: ["lib/db/testing/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...noUi,
            { group: ["**/auth/*", "**/pipeline/*", "**/llm/*"], message: "lib/db is below auth, pipeline and llm." },
          ],
        },
      ],
    },
  },
  // next.config.js is CommonJS (the file name the product owner fixed); Next loads it with require.
  { files: ["next.config.js"], rules: { "@typescript-eslint/no-require-imports": "off" } },
];

export default config;
