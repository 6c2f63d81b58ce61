// Money lives in integer minor units; the number of minor digits comes from the currency (CNY 2,
// JPY 0, KWD 3) as Intl knows it.
const digitsCache = new Map<string, number>();

export function currencyDigits(currency: string): number {
  let d = digitsCache.get(currency);
  if (d === undefined) {
    d = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, d);
  }
  return d;
}

export function minorToMajor(minor: number, currency: string): number {
  return minor / 10 ** currencyDigits(currency);
}

export function formatMoney(
  minor: number,
  currency: string,
  locale: string,
  options: { compact?: boolean } = {},
): string {
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    ...(options.compact ? { notation: "compact", maximumFractionDigits: 1 } : {}),
  }).format(minorToMajor(minor, currency));
}
