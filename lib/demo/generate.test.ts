// The demo generator: determinism, table invariants, realism of people and calendar. Local dates and
// hours are recomputed here with Intl (not with the generator's own calendar), so a wrong UTC
// conversion would show up.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ARCHETYPES } from "./archetypes";
import { blackFriday } from "./calendar";
import { SUPPORTED_CURRENCIES } from "./currency";
import { generateCatalog, generateCustomerChunks, generateDemoStore, type DemoStore } from "./generate";
import type { DemoStoreOptions } from "./types";

const AS_OF = new Date("2026-11-28T16:00:00Z"); // midnight in Shanghai, 11:00 in New York
const zhOptions: DemoStoreOptions = {
  customers: 3000,
  seed: 7,
  asOf: AS_OF,
  currency: "CNY",
  timezone: "Asia/Shanghai",
  language: "zh",
};
const enOptions: DemoStoreOptions = {
  customers: 3000,
  seed: 11,
  asOf: AS_OF,
  currency: "USD",
  timezone: "America/New_York",
  language: "en",
};
const zh = generateDemoStore(zhOptions);
const en = generateDemoStore(enOptions);

function digest(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function localParts(instant: Date, timeZone: string): { date: string; hour: number } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

describe("determinism", () => {
  it("gives byte-identical output for the same options, whatever the chunk size", () => {
    const options = { ...zhOptions, customers: 700 };
    const a = [...generateCustomerChunks(options, 1000)];
    const b = [...generateCustomerChunks(options, 97)];
    const keys = ["customers", "orders", "items", "reviews", "groundTruth"] as const;
    const flat = (chunks: typeof a) => keys.map((k) => chunks.flatMap((c): unknown[] => c[k]));
    expect(b).toHaveLength(Math.ceil(700 / 97));
    expect(digest(flat(b))).toBe(digest(flat(a)));
    expect(digest(generateCatalog(options).products)).toBe(
      digest(generateCatalog({ ...options, customers: 5 }).products),
    );
    expect(digest(generateDemoStore(options))).toBe(digest(generateDemoStore({ ...options })));
  });

  it("gives a different store for a different seed", () => {
    const a = generateDemoStore({ ...zhOptions, customers: 200 });
    const b = generateDemoStore({ ...zhOptions, customers: 200, seed: 8 });
    expect(a.customers.map((c) => c.email)).not.toEqual(b.customers.map((c) => c.email));
    expect(a.orders.length).not.toBe(b.orders.length);
    expect(a.products.map((p) => p.priceMinor)).not.toEqual(b.products.map((p) => p.priceMinor));
  });

  it("rejects invalid options with a RangeError that says what is wrong", () => {
    expect(() => generateDemoStore({ ...zhOptions, currency: "XYZ" })).toThrow(/Unsupported demo currency "XYZ"/);
    expect(() => generateDemoStore({ ...zhOptions, timezone: "Mars/Olympus" })).toThrow(/Unknown time zone/);
    expect(() => generateDemoStore({ ...zhOptions, customers: 0 })).toThrow(RangeError);
    expect(() => generateDemoStore({ ...zhOptions, historyDays: 30 })).toThrow(/historyDays/);
    expect(() => [...generateCustomerChunks(zhOptions, 0)]).toThrow(/chunkSize/);
  });
});

describe.each([
  ["zh", zh, zhOptions],
  ["en", en, enOptions],
] as const)("invariants of the %s store", (_, store: DemoStore, options) => {
  const customersById = new Map(store.customers.map((c) => [c.id, c]));
  const ordersById = new Map(store.orders.map((o) => [o.id, o]));

  it("numbers every table 1…n and references only existing rows", () => {
    for (const rows of [store.customers, store.orders, store.items, store.reviews, store.products]) {
      expect(rows.map((r) => r.id)).toEqual(rows.map((_, i) => i + 1));
    }
    expect(store.orders.every((o) => customersById.has(o.customerId))).toBe(true);
    expect(
      store.items.every((i) => ordersById.has(i.orderId) && i.productId >= 1 && i.productId <= store.products.length),
    ).toBe(true);
    expect(store.reviews.every((r) => customersById.has(r.customerId) && r.productId <= store.products.length)).toBe(
      true,
    );
    expect(store.groundTruth.map((g) => g.customerId)).toEqual(store.customers.map((c) => c.id));
  });

  it("keeps external ids and e-mail addresses unique", () => {
    const unique = (xs: unknown[]) => new Set(xs).size === xs.length;
    expect(unique(store.customers.map((c) => c.externalId))).toBe(true);
    expect(unique(store.orders.map((o) => o.externalId))).toBe(true);
    expect(unique(store.products.map((p) => p.sku))).toBe(true);
    const emails = store.customers.flatMap((c) => (c.email ? [c.email] : []));
    expect(unique(emails)).toBe(true);
    expect(emails.every((e) => /^[a-z0-9._]+@[a-z0-9.]+\.[a-z]+$/.test(e))).toBe(true);
    expect(store.customers[122]?.externalId).toBe("C000123");
    expect(store.orders[455]?.externalId).toBe("O0000456");
  });

  it("makes totals add up: lines minus line discounts minus the order discount, never negative", () => {
    const subtotal = new Map<number, number>();
    const badLines = store.items.filter(
      (i) => i.quantity < 1 || i.discountMinor < 0 || i.discountMinor > i.quantity * i.unitPriceMinor,
    );
    expect(badLines).toEqual([]);
    for (const item of store.items) {
      subtotal.set(
        item.orderId,
        (subtotal.get(item.orderId) ?? 0) + item.quantity * item.unitPriceMinor - item.discountMinor,
      );
    }
    const badOrders = store.orders.filter(
      (o) =>
        o.totalMinor !== (subtotal.get(o.id) ?? Number.NaN) - o.discountMinor ||
        o.totalMinor < 0 ||
        o.discountMinor < 0 ||
        !Number.isInteger(o.totalMinor) ||
        o.currency !== options.currency,
    );
    expect(badOrders).toEqual([]);
    // Coupons are in use, not just possible.
    expect(store.orders.filter((o) => o.discountMinor > 0).length).toBeGreaterThan(store.orders.length * 0.05);
  });

  it("places every order after its customer's sign-up, before asOf, in daytime hours of the store's zone", () => {
    const start = AS_OF.getTime() - 731 * 86_400_000;
    const bad = store.orders.filter((o) => {
      const t = o.placedAt.getTime();
      return (
        t < (customersById.get(o.customerId)?.signupAt.getTime() ?? Infinity) ||
        t > AS_OF.getTime() ||
        t <= start ||
        localParts(o.placedAt, options.timezone).hour < 7
      );
    });
    expect(bad).toEqual([]);
    expect(store.customers.filter((c) => c.signupAt.getTime() > AS_OF.getTime())).toEqual([]);
    // Most customers sign up on the day of their first order or shortly before; some long before.
    const firstOrder = new Map<number, number>();
    for (const o of store.orders)
      firstOrder.set(o.customerId, Math.min(firstOrder.get(o.customerId) ?? Infinity, o.placedAt.getTime()));
    const gaps = store.customers.map((c) => ((firstOrder.get(c.id) ?? Infinity) - c.signupAt.getTime()) / 86_400_000);
    expect(gaps.filter((g) => g < 1).length / gaps.length).toBeGreaterThan(0.4);
    expect(gaps.filter((g) => g > 30).length / gaps.length).toBeGreaterThan(0.05);
  });

  it("writes reviews with 1–5 stars after a delivered purchase and before asOf", () => {
    const bought = new Map<string, number>(); // customer|product → first non-cancelled purchase
    for (const item of store.items) {
      const o = ordersById.get(item.orderId);
      if (!o || o.status === "cancelled") continue;
      const key = `${o.customerId}|${item.productId}`;
      bought.set(key, Math.min(bought.get(key) ?? Infinity, o.placedAt.getTime()));
    }
    // Two days' delivery at least: from 23:59 on the purchase day to 07:00 two days later.
    const minDelay = 2 * 86_400_000 - 17 * 3_600_000;
    const bad = store.reviews.filter((r) => {
      const first = bought.get(`${r.customerId}|${r.productId}`);
      return (
        ![1, 2, 3, 4, 5].includes(r.rating) ||
        first === undefined ||
        r.createdAt.getTime() - first < minDelay ||
        r.createdAt.getTime() > AS_OF.getTime()
      );
    });
    expect(bad).toEqual([]);
    const reviewedShare = store.reviews.length / store.items.length;
    expect(reviewedShare).toBeGreaterThan(0.15);
    expect(reviewedShare).toBeLessThan(0.3);
    const texts = store.reviews.filter((r) => r.text !== null);
    expect(texts.length / store.reviews.length).toBeGreaterThan(0.6);
    const cjk = texts.filter((r) => /[\u4e00-\u9fff]/.test(r.text ?? "")).length / texts.length;
    expect(cjk).toBe(options.language === "zh" ? 1 : 0);
    // Skewed as on real platforms: mostly five stars, and a real share of one-star reviews.
    const stars = (n: number) => store.reviews.filter((r) => r.rating === n).length / store.reviews.length;
    expect(stars(5)).toBeGreaterThan(0.4);
    expect(stars(1)).toBeGreaterThan(0.02);
  });

  it("cancels 3–6% and refunds 2–5% of orders", () => {
    const share = (s: string) => store.orders.filter((o) => o.status === s).length / store.orders.length;
    expect(share("cancelled")).toBeGreaterThan(0.03);
    expect(share("cancelled")).toBeLessThan(0.06);
    expect(share("refunded")).toBeGreaterThan(0.02);
    expect(share("refunded")).toBeLessThan(0.05);
  });

  it("has every archetype, many one-time buyers and few VIPs", () => {
    const counts = new Map<string, number>();
    for (const g of store.groundTruth) counts.set(g.archetype, (counts.get(g.archetype) ?? 0) + 1);
    for (const a of ARCHETYPES) expect(counts.get(a) ?? 0).toBeGreaterThan(50);
    expect((counts.get("one_time_buyer") ?? 0) / store.customers.length).toBeGreaterThan(0.25);
    expect((counts.get("loyal_vip") ?? 0) / store.customers.length).toBeLessThan(0.08);
  });

  it("leaves realistic gaps in customer profiles", () => {
    const nullShare = (f: (c: (typeof store.customers)[number]) => unknown) =>
      store.customers.filter((c) => f(c) === null).length / store.customers.length;
    expect(nullShare((c) => c.gender)).toBeGreaterThan(0.03);
    expect(nullShare((c) => c.gender)).toBeLessThan(0.07);
    expect(nullShare((c) => c.birthYear)).toBeGreaterThan(0.07);
    expect(nullShare((c) => c.birthYear)).toBeLessThan(0.13);
    expect(nullShare((c) => c.email)).toBeLessThan(0.1);
    const years = store.customers.flatMap((c) => (c.birthYear ? [c.birthYear] : []));
    expect(Math.min(...years)).toBeGreaterThanOrEqual(2026 - 78);
    expect(Math.max(...years)).toBeLessThanOrEqual(2026 - 18);
  });
});

describe("people and places", () => {
  it("gives Chinese customers Chinese names, mainland mobile numbers and Chinese cities", () => {
    const withPhone = zh.customers.filter((c) => c.phone);
    expect(withPhone.every((c) => /^1[3-9]\d-\d{4}-\d{4}$/.test(c.phone ?? ""))).toBe(true);
    expect(zh.customers.filter((c) => c.name).every((c) => /^[\u4e00-\u9fff]{2,4}$/.test(c.name ?? ""))).toBe(true);
    expect(zh.customers.every((c) => c.country === "CN")).toBe(true);
    const regions = new Set(zh.customers.map((c) => c.region));
    expect(regions.has("广东省") && regions.has("上海市")).toBe(true);
    // The most common surnames dominate, as they do in China.
    const wang = zh.customers.filter((c) => c.name?.startsWith("王")).length / zh.customers.length;
    expect(wang).toBeGreaterThan(0.04);
  });

  it("gives English customers US or UK names, numbers and cities", () => {
    const byCountry = (cc: string) => en.customers.filter((c) => c.country === cc);
    expect(byCountry("US").length).toBeGreaterThan(byCountry("GB").length);
    expect(byCountry("US").length + byCountry("GB").length).toBe(en.customers.length);
    expect(byCountry("US").every((c) => c.phone === null || /^\(\d{3}\) [2-9]\d{2}-\d{4}$/.test(c.phone))).toBe(true);
    expect(byCountry("GB").every((c) => c.phone === null || /^07\d{3} \d{6}$/.test(c.phone))).toBe(true);
    expect(en.customers.filter((c) => c.name).every((c) => /^[\p{L}'’. -]+ [\p{L}'’. -]+$/u.test(c.name ?? ""))).toBe(
      true,
    );
  });
});

describe("catalog", () => {
  it("has 360 products in 9 categories with both titles, sane prices and a few discontinued items", () => {
    for (const store of [zh, en]) {
      const categories = new Set(store.products.map((p) => p.category));
      expect(store.products.length).toBeGreaterThanOrEqual(300);
      expect(categories.size).toBeGreaterThanOrEqual(8);
      expect(store.products.every((p) => p.titleZh && p.titleEn && p.brand && p.priceMinor > 0)).toBe(true);
      const inactive = store.products.filter((p) => !p.active).length;
      expect(inactive).toBeGreaterThan(3);
      expect(inactive).toBeLessThan(40);
    }
    expect(zh.products.every((p) => p.title === p.titleZh)).toBe(true);
    expect(en.products.every((p) => p.title === p.titleEn)).toBe(true);
    expect(new Set(zh.products.map((p) => p.category))).toContain("美妆护肤");
    // Yuan prices end in 9 (¥129); dollar prices in .99 or .49 ($29.99).
    expect(zh.products.every((p) => p.priceMinor % 1000 === 900 || p.priceMinor < 1000)).toBe(true);
    expect(en.products.every((p) => p.priceMinor % 100 === 99 || p.priceMinor % 100 === 49)).toBe(true);
    const tablet = zh.products.find((p) => p.titleEn.includes("Tablet"));
    const cable = zh.products.find((p) => p.titleEn.includes("Charging Cable"));
    expect(tablet && cable && tablet.priceMinor > 10 * cable.priceMinor).toBe(true);
  });

  it("supports every listed currency", () => {
    for (const currency of SUPPORTED_CURRENCIES) {
      const products = generateCatalog({ ...zhOptions, currency }).products;
      expect(products.every((p) => Number.isInteger(p.priceMinor) && p.priceMinor > 0)).toBe(true);
    }
  });

  it("sells a few products much more than the rest (power law) and discontinued ones only before they stopped", () => {
    const sold = new Map<number, number>();
    for (const item of zh.items) sold.set(item.productId, (sold.get(item.productId) ?? 0) + 1);
    const counts = [...sold.values()].sort((a, b) => b - a);
    const top10 = counts.slice(0, 36).reduce((a, b) => a + b, 0) / zh.items.length;
    expect(top10).toBeGreaterThan(0.3); // the top 10% of products make over 30% of lines
    const lastSale = new Map<number, number>();
    const ordersById = new Map(zh.orders.map((o) => [o.id, o]));
    for (const item of zh.items) {
      const t = ordersById.get(item.orderId)?.placedAt.getTime() ?? 0;
      lastSale.set(item.productId, Math.max(lastSale.get(item.productId) ?? 0, t));
    }
    for (const p of zh.products.filter((x) => !x.active)) {
      expect(lastSale.get(p.id) ?? 0).toBeLessThan(AS_OF.getTime() - 0.14 * 730 * 86_400_000);
    }
  });
});

describe("calendar", () => {
  function ordersPerLocalDay(store: DemoStore, timeZone: string): Map<string, number> {
    const perDay = new Map<string, number>();
    for (const o of store.orders) {
      const { date } = localParts(o.placedAt, timeZone);
      perDay.set(date, (perDay.get(date) ?? 0) + 1);
    }
    return perDay;
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;

  it("peaks on 双11 and 618 in a Chinese store", () => {
    const perDay = ordersPerLocalDay(zh, zhOptions.timezone);
    const typical = median([...perDay.values()]);
    expect(perDay.get("2025-11-11") ?? 0).toBeGreaterThan(5 * typical);
    expect(perDay.get("2026-11-11") ?? 0).toBeGreaterThan(5 * typical);
    expect(perDay.get("2026-06-18") ?? 0).toBeGreaterThan(3 * typical);
    expect(perDay.get("2025-06-18") ?? 0).toBeGreaterThan(2 * typical);
    // The busiest day of the history is a 双11.
    const busiest = [...perDay].sort((a, b) => b[1] - a[1])[0]?.[0];
    expect(busiest?.slice(5)).toBe("11-11");
  });

  it("peaks on Black Friday in an English store", () => {
    const perDay = ordersPerLocalDay(en, enOptions.timezone);
    const typical = median([...perDay.values()]);
    const bf2025 = new Date(blackFriday(2025) * 86_400_000).toISOString().slice(0, 10);
    expect(bf2025).toBe("2025-11-28");
    expect(perDay.get(bf2025) ?? 0).toBeGreaterThan(4 * typical);
    expect(perDay.get("2025-12-01") ?? 0).toBeGreaterThan(3 * typical); // Cyber Monday
  });

  it("has a weekly rhythm and quiet nights", () => {
    const byHour = new Array<number>(24).fill(0);
    for (const o of zh.orders) byHour[localParts(o.placedAt, zhOptions.timezone).hour]! += 1;
    expect(byHour.slice(0, 7).every((n) => n === 0)).toBe(true);
    expect(byHour[21]!).toBeGreaterThan(2 * byHour[7]!);
  });
});
