// The import direction of shared/STYLE.md, as ESLint enforces it (eslint.config.mjs).
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "..") });

async function restricted(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("import direction", () => {
  it("keeps lib/analytics pure", async () => {
    const src =
      'import { a } from "./kmeans";\nimport { b } from "../db/client";\nimport React from "react";\nimport fs from "node:fs";\nexport const x = [a, b, React, fs];\n';
    const messages = await restricted("lib/analytics/probe.ts", src);
    expect(messages).toHaveLength(3);
    expect(messages.every((m) => m.includes("lib/analytics is pure"))).toBe(true);
  });

  it("keeps lib away from app and components, and lib/db below auth and actions", async () => {
    expect(
      await restricted("lib/db/probe.ts", 'import { B } from "@/components/ui/button";\nexport const x = B;\n'),
    ).toHaveLength(1);
    expect(
      await restricted("lib/db/probe.ts", 'import { a } from "../auth/session";\nexport const x = a;\n'),
    ).toHaveLength(1);
    expect(
      await restricted("lib/validation/probe.ts", 'import { s } from "../actions/session";\nexport const x = s;\n'),
    ).toHaveLength(1);
    expect(
      await restricted("components/probe.tsx", 'import P from "@/app/layout";\nexport const x = P;\n'),
    ).toHaveLength(1);
  });

  it("allows the intended direction", async () => {
    expect(
      await restricted(
        "lib/analytics/probe.ts",
        'import { Matrix } from "ml-matrix";\nimport { m } from "./matrix";\nexport const x = [Matrix, m];\n',
      ),
    ).toEqual([]);
    expect(
      await restricted("components/probe.tsx", 'import { getEnv } from "@/lib/env";\nexport const x = getEnv;\n'),
    ).toEqual([]);
    expect(
      await restricted(
        "lib/actions/probe.ts",
        'import { getPrisma } from "../db/client";\nexport const x = getPrisma;\n',
      ),
    ).toEqual([]);
  });
});
