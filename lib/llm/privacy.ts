// The one rule of every prompt: aggregates only. Before a request leaves ShopLens its text is checked
// for what looks like personal data — an email address, a phone number — and for the exact names,
// emails, phones and order numbers the caller knows are in play. A hit stops the request: a bug that
// would leak a customer fails loudly instead.

export class PersonalDataError extends Error {
  override name = "PersonalDataError";
}

const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/;
// Mainland mobiles (13812345678), numbers written with a country code (+1 212 555 0100), and the
// 3-3-4 layout ((212) 555-0100) — not plain figures such as revenue or counts.
const PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)|\+\d[\d\s-]{6,16}\d|(?<!\d)\(?\d{3}\)?[\s-]\d{3}[\s-]\d{4}(?!\d)/;

export type KnownPersonalData = { values: readonly string[] };

/** Throws PersonalDataError naming what kind of data was found (never the data itself). */
export function assertNoPersonalData(text: string, known: KnownPersonalData = { values: [] }): void {
  if (EMAIL.test(text)) throw new PersonalDataError("the prompt contains an email address");
  if (PHONE.test(text)) throw new PersonalDataError("the prompt contains a phone number");
  for (const v of known.values) {
    if (v.length >= 2 && text.includes(v))
      throw new PersonalDataError("the prompt contains a customer's personal data");
  }
}
