// Rows the demo generator produces, one type per table, in the schema's units (money in integer
// minor units, instants as Date). Ids run 1…n per table within one generated store; the loader
// (load.ts) moves them into ranges reserved from the database's sequences.
import type { AcquisitionChannel, Archetype, OrderChannel } from "./archetypes";

export type DemoLanguage = "zh" | "en";

export type DemoStoreOptions = {
  customers: number;
  seed: number;
  /** The store's "now": nothing happens after it. */
  asOf: Date;
  /** Length of the store's history in days (the store opened this many days before asOf). */
  historyDays?: number;
  /** ISO 4217 code, see SUPPORTED_CURRENCIES. */
  currency: string;
  /** IANA time zone of the store. */
  timezone: string;
  language: DemoLanguage;
};

export type ResolvedDemoOptions = Required<DemoStoreOptions>;

export type { ProductRow } from "./catalog";

export type CustomerRow = {
  id: number;
  externalId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  gender: "female" | "male" | "other" | null;
  birthYear: number | null;
  city: string | null;
  region: string | null;
  country: string | null;
  signupAt: Date;
  acquisitionChannel: AcquisitionChannel | null;
};

export type OrderStatus = "paid" | "cancelled" | "refunded";

export type OrderRow = {
  id: number;
  externalId: string;
  customerId: number;
  placedAt: Date;
  status: OrderStatus;
  channel: OrderChannel;
  currency: string;
  /** Sum of quantity × unit price − line discount over the lines, minus discountMinor. */
  totalMinor: number;
  /** Order-level coupon. */
  discountMinor: number;
};

export type OrderItemRow = {
  id: number;
  orderId: number;
  productId: number;
  quantity: number;
  unitPriceMinor: number;
  /** Discount on the line as a whole. */
  discountMinor: number;
};

export type ReviewRow = {
  id: number;
  customerId: number;
  productId: number;
  rating: 1 | 2 | 3 | 4 | 5;
  text: string | null;
  createdAt: Date;
};

/**
 * GROUND TRUTH FOR EVALUATION ONLY (table demo_ground_truth). `archetype` is stored; `taste` (the
 * customer's latent factor vector, to score recommenders against CatalogModel.factors) is not.
 */
export type GroundTruthRow = {
  customerId: number;
  archetype: Archetype;
  taste: number[];
};

export type DemoCustomerChunk = {
  customers: CustomerRow[];
  orders: OrderRow[];
  items: OrderItemRow[];
  reviews: ReviewRow[];
  groundTruth: GroundTruthRow[];
};
