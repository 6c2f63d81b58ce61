import en from "./messages/en.json";
import zhCN from "./messages/zh-CN.json";
import type { Locale } from "./config";

export type Messages = typeof en;

const ALL: Record<Locale, Messages> = { en, "zh-CN": zhCN };

export function loadMessages(locale: Locale): Messages {
  return ALL[locale];
}
