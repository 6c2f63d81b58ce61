import { describe, expect, it } from "vitest";
import en from "./messages/en.json";
import zhCN from "./messages/zh-CN.json";
import { negotiateLocale } from "./config";

function keys(obj: unknown, prefix = ""): string[] {
  if (typeof obj !== "object" || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("messages", () => {
  it("zh-CN and en have exactly the same keys", () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
  });
  it("use the same ICU placeholders in both languages", () => {
    // Top-level ICU argument names ({name} and {name, select, …}); branch texts are translations.
    const placeholders = (s: string) => {
      const names: string[] = [];
      let depth = 0;
      for (let i = 0; i < s.length; i++) {
        if (s[i] === "{") {
          if (depth === 0) names.push(/^\{(\w+)/.exec(s.slice(i))?.[1] ?? "");
          depth++;
        } else if (s[i] === "}") depth--;
      }
      return names.sort();
    };
    const flat = (o: unknown, p = ""): [string, string][] =>
      typeof o === "string" ? [[p, o]] : Object.entries(o as object).flatMap(([k, v]) => flat(v, `${p}.${k}`));
    const zh = new Map(flat(zhCN));
    for (const [k, v] of flat(en)) expect(placeholders(zh.get(k) ?? ""), k).toEqual(placeholders(v));
  });
});

describe("negotiateLocale", () => {
  it("prefers the highest-weighted supported language", () => {
    expect(negotiateLocale("en-US,en;q=0.9,zh-CN;q=0.8")).toBe("en");
    expect(negotiateLocale("zh-TW,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(negotiateLocale("fr-FR,en;q=0.5")).toBe("en");
    expect(negotiateLocale("de, fr;q=0.8")).toBe("zh-CN");
    expect(negotiateLocale(null)).toBe("zh-CN");
    expect(negotiateLocale("en;q=0, zh;q=0.1")).toBe("zh-CN");
  });
});
