// Catalog prices are written in yuan (the generator's reference market) and converted to the store's
// currency with a rough, fixed rate, then "charm-priced" the way shops in that currency price things
// (¥129, $29.99, ¥1,980). Fixed rates on purpose: demo data must not change with the news.

type CurrencySpec = { perYuan: number; minorDigits: number; style: "yuan" | "cents" | "whole" };

const CURRENCIES: Readonly<Record<string, CurrencySpec>> = {
  CNY: { perYuan: 1, minorDigits: 2, style: "yuan" },
  HKD: { perYuan: 1.09, minorDigits: 2, style: "yuan" },
  TWD: { perYuan: 4.5, minorDigits: 2, style: "yuan" },
  USD: { perYuan: 0.14, minorDigits: 2, style: "cents" },
  EUR: { perYuan: 0.13, minorDigits: 2, style: "cents" },
  GBP: { perYuan: 0.11, minorDigits: 2, style: "cents" },
  CAD: { perYuan: 0.19, minorDigits: 2, style: "cents" },
  AUD: { perYuan: 0.21, minorDigits: 2, style: "cents" },
  SGD: { perYuan: 0.19, minorDigits: 2, style: "cents" },
  JPY: { perYuan: 21, minorDigits: 0, style: "whole" },
  KRW: { perYuan: 190, minorDigits: 0, style: "whole" },
};

export const SUPPORTED_CURRENCIES = Object.keys(CURRENCIES);

export type Money = {
  code: string;
  /** Minor units in one major unit (100 for cents, 1 for yen). */
  minorPerMajor: number;
  /** List price in minor units for a price given in yuan. */
  listPrice(yuan: number): number;
  /** A coupon amount in minor units, rounded to a whole "nice" major amount, at least one unit. */
  couponAmount(minor: number): number;
};

export function getMoney(code: string): Money {
  const spec = CURRENCIES[code];
  if (!spec) {
    throw new RangeError(`Unsupported demo currency "${code}": use one of ${SUPPORTED_CURRENCIES.join(", ")}`);
  }
  const minorPerMajor = 10 ** spec.minorDigits;
  // Coupons come in round amounts: ¥5 steps, $1 steps, ¥100 / ₩1,000 steps.
  const couponStep =
    spec.style === "yuan"
      ? 5 * minorPerMajor * Math.max(1, Math.round(spec.perYuan))
      : spec.style === "cents"
        ? minorPerMajor
        : 10 ** Math.round(Math.log10(spec.perYuan * 5));
  return {
    code,
    minorPerMajor,
    listPrice(yuan) {
      const amount = yuan * spec.perYuan;
      switch (spec.style) {
        case "yuan": // ¥129, ¥9.9
          return amount >= 10
            ? (Math.round(amount / 10) * 10 - 1) * minorPerMajor
            : Math.round(amount) * minorPerMajor - 10;
        case "cents": // $29.99, $4.49
          return amount >= 5 ? Math.round(amount) * minorPerMajor - 1 : Math.round(amount * 2) * 50 - 1;
        case "whole": {
          // ¥1,980, ₩29,800
          const step = 10 ** Math.max(1, Math.floor(Math.log10(amount)) - 1);
          return Math.max(step, Math.round(amount / step) * step - (step >= 100 ? step / 5 : 0));
        }
        default: {
          const never: never = spec.style;
          throw new RangeError(`Unknown price style ${String(never)}`);
        }
      }
    },
    couponAmount(minor) {
      return Math.max(couponStep, Math.round(minor / couponStep) * couponStep);
    },
  };
}
