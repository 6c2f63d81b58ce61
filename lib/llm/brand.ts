// The store's name as copy in one language should carry it. Bilingual names are common in Chinese
// e-commerce ("鲜选生活 · Fresh Select"); English copy takes the Latin part and Chinese copy the Chinese
// part — which also keeps an English SMS in the GSM alphabet (160 characters a part, not 70).
import type { Language } from "./guardrails";

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

export function brandName(storeName: string, language: Language): string {
  const parts = storeName
    .split(/\s*[·•|｜/]\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return storeName.trim();
  const match = parts.find((p) => (language === "zh-CN" ? CJK.test(p) : !CJK.test(p)));
  return match ?? storeName.trim();
}
