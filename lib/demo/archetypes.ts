// The hidden customer archetypes of the demo store. Every behaviour the analytics later measures
// (recency, frequency, monetary value, discount use, category mix, channel, festival timing,
// reviews, returns) is driven from here, with per-customer noise around each archetype's values so
// the groups overlap the way real segments do.
//
// The purchase process is BG/NBD-shaped (Fader, Hardie & Lee 2005): while "alive", a customer buys
// at rate λ ~ Gamma(shape, mean/shape); after each purchase they drop out for good with probability
// p ~ Beta(mean, concentration). lapsing_high_value customers additionally stop at a churn day well
// before asOf.
import type { CategoryKey } from "./catalog";

export const ARCHETYPES = [
  "loyal_vip",
  "bargain_hunter",
  "one_time_buyer",
  "lapsing_high_value",
  "category_enthusiast",
  "festival_gift_buyer",
  "new_explorer",
] as const;
export type Archetype = (typeof ARCHETYPES)[number];

export const ORDER_CHANNELS = ["web", "app", "mini_program", "marketplace", "store"] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];

export const ACQUISITION_CHANNELS = [
  "organic",
  "paid_search",
  "social",
  "referral",
  "marketplace",
  "offline",
  "email",
] as const;
export type AcquisitionChannel = (typeof ACQUISITION_CHANNELS)[number];

type Range = readonly [from: number, to: number];

export type ArchetypeSpec = {
  /** Share of customers. */
  share: number;
  /** Mean orders per year while active, and the Gamma shape of its heterogeneity. */
  ordersPerYear: number;
  rateShape: number;
  /** Probability of dropping out after each purchase: Beta mean and concentration. */
  dropout: number;
  dropoutConcentration: number;
  /** Window (fractions of the history) in which the first order falls. */
  firstOrder: Range;
  /** Window (fractions of the history) in which the customer stops buying for good, if they do. */
  churn?: Range;
  /** Median multiplier of the calendar's festival lift (log-normal across customers). */
  festivalSensitivity: number;
  /** Mean number of lines beyond the first. */
  extraLines: number;
  /** Price elasticity of product choice: > 0 prefers cheap products, < 0 expensive ones. */
  priceSensitivity: number;
  /** Mean propensity (Beta) to pick discounted lines and to time purchases on deal days. */
  dealSeeking: number;
  /** Probability of applying an order-level coupon. */
  couponRate: number;
  /** Probability that a line in a replenishable category re-buys a product bought before. */
  repurchase: number;
  /** Weight of personal taste (latent factors) in the choice of category. */
  tasteWeight: number;
  /** Log-weight added to categories this archetype favours. */
  categoryBias: Partial<Record<CategoryKey, number>>;
  /** Enthusiasts concentrate on 1–2 categories: the number of favourites and their log-weight boost. */
  favourites?: { count: Range; boost: number };
  channels: Partial<Record<OrderChannel, number>>;
  acquisition: Partial<Record<AcquisitionChannel, number>>;
  /** Shift of this archetype's ratings (stars) and the share of purchased lines reviewed. */
  ratingBias: number;
  reviewRate: number;
  cancelRate: number;
  refundRate: number;
  /** Age: mean and sd in years. */
  age: readonly [mean: number, sd: number];
  /** Scale of the archetype's own taste direction in the customer's latent vector. */
  tasteCentreScale: number;
};

export const ARCHETYPE_SPECS: Readonly<Record<Archetype, ArchetypeSpec>> = {
  loyal_vip: {
    share: 0.05,
    ordersPerYear: 15,
    rateShape: 8,
    dropout: 0.008,
    dropoutConcentration: 60,
    firstOrder: [0, 0.7],
    festivalSensitivity: 0.5,
    extraLines: 1.1,
    priceSensitivity: -1,
    dealSeeking: 0.1,
    couponRate: 0.05,
    repurchase: 0.5,
    tasteWeight: 0.3,
    categoryBias: { beauty: 0.2, home: 0.2 },
    channels: { app: 0.55, web: 0.2, mini_program: 0.1, store: 0.1, marketplace: 0.05 },
    acquisition: { organic: 0.4, referral: 0.25, offline: 0.15, email: 0.1, social: 0.1 },
    ratingBias: 0.3,
    reviewRate: 0.32,
    cancelRate: 0.02,
    refundRate: 0.015,
    age: [37, 9],
    tasteCentreScale: 0.6,
  },
  bargain_hunter: {
    share: 0.18,
    ordersPerYear: 6,
    rateShape: 6,
    dropout: 0.04,
    dropoutConcentration: 30,
    firstOrder: [0, 0.95],
    festivalSensitivity: 1.5,
    extraLines: 1.5,
    priceSensitivity: 2,
    dealSeeking: 0.9,
    couponRate: 0.8,
    repurchase: 0.3,
    tasteWeight: 0.3,
    categoryBias: { food: 0.4, home: 0.2, pets: 0.2, electronics: -0.3 },
    channels: { marketplace: 0.35, mini_program: 0.3, app: 0.2, web: 0.15 },
    acquisition: { social: 0.3, email: 0.25, marketplace: 0.25, paid_search: 0.1, referral: 0.1 },
    ratingBias: -0.3,
    reviewRate: 0.18,
    cancelRate: 0.08,
    refundRate: 0.05,
    age: [33, 11],
    tasteCentreScale: 0.5,
  },
  one_time_buyer: {
    share: 0.36,
    ordersPerYear: 1.5,
    rateShape: 2,
    dropout: 0.96,
    dropoutConcentration: 40,
    firstOrder: [0, 0.75],
    festivalSensitivity: 0,
    extraLines: 0.1,
    priceSensitivity: 1,
    dealSeeking: 0.03,
    couponRate: 0.02,
    repurchase: 0.2,
    tasteWeight: 0.7,
    categoryBias: {},
    channels: { marketplace: 0.35, web: 0.35, mini_program: 0.2, app: 0.1 },
    acquisition: { paid_search: 0.4, marketplace: 0.3, social: 0.2, organic: 0.1 },
    ratingBias: -0.1,
    reviewRate: 0.12,
    cancelRate: 0.05,
    refundRate: 0.03,
    age: [31, 10],
    tasteCentreScale: 0.3,
  },
  lapsing_high_value: {
    share: 0.07,
    ordersPerYear: 10,
    rateShape: 6,
    dropout: 0.015,
    dropoutConcentration: 40,
    firstOrder: [0, 0.4],
    churn: [0.35, 0.72],
    festivalSensitivity: 0.7,
    extraLines: 1,
    priceSensitivity: -0.8,
    dealSeeking: 0.15,
    couponRate: 0.08,
    repurchase: 0.45,
    tasteWeight: 0.3,
    categoryBias: { electronics: 0.3, apparel: 0.2 },
    channels: { app: 0.45, web: 0.3, mini_program: 0.1, store: 0.1, marketplace: 0.05 },
    acquisition: { organic: 0.35, paid_search: 0.25, referral: 0.2, social: 0.1, offline: 0.1 },
    ratingBias: -0.35,
    reviewRate: 0.2,
    cancelRate: 0.03,
    refundRate: 0.045,
    age: [36, 9],
    tasteCentreScale: 0.6,
  },
  category_enthusiast: {
    share: 0.11,
    ordersPerYear: 8,
    rateShape: 6,
    dropout: 0.03,
    dropoutConcentration: 30,
    firstOrder: [0, 0.9],
    festivalSensitivity: 0.8,
    extraLines: 0.7,
    priceSensitivity: 0.2,
    dealSeeking: 0.2,
    couponRate: 0.1,
    repurchase: 0.4,
    tasteWeight: 0.4,
    categoryBias: {},
    favourites: { count: [1, 2], boost: 4.5 },
    channels: { web: 0.4, app: 0.35, mini_program: 0.1, marketplace: 0.1, store: 0.05 },
    acquisition: { organic: 0.35, social: 0.25, referral: 0.2, paid_search: 0.2 },
    ratingBias: 0.1,
    reviewRate: 0.4,
    cancelRate: 0.03,
    refundRate: 0.025,
    age: [32, 9],
    tasteCentreScale: 0.2,
  },
  festival_gift_buyer: {
    share: 0.12,
    ordersPerYear: 2.5,
    rateShape: 3,
    dropout: 0.08,
    dropoutConcentration: 25,
    firstOrder: [0, 0.95],
    festivalSensitivity: 25,
    extraLines: 1.4,
    priceSensitivity: 0.3,
    dealSeeking: 0.35,
    couponRate: 0.2,
    repurchase: 0.1,
    tasteWeight: 0.5,
    categoryBias: { beauty: 0.5, food: 0.4, electronics: 0.3, books: -0.2, pets: -0.4 },
    channels: { mini_program: 0.3, marketplace: 0.3, app: 0.2, web: 0.2 },
    acquisition: { social: 0.4, paid_search: 0.3, marketplace: 0.2, email: 0.1 },
    ratingBias: 0.1,
    reviewRate: 0.12,
    cancelRate: 0.04,
    refundRate: 0.03,
    age: [34, 10],
    tasteCentreScale: 0.5,
  },
  new_explorer: {
    share: 0.11,
    ordersPerYear: 7,
    rateShape: 3,
    dropout: 0.15,
    dropoutConcentration: 20,
    firstOrder: [0.88, 0.995],
    festivalSensitivity: 1,
    extraLines: 0.6,
    priceSensitivity: 0.5,
    dealSeeking: 0.25,
    couponRate: 0.25,
    repurchase: 0.2,
    tasteWeight: 0.3,
    categoryBias: {},
    channels: { app: 0.3, mini_program: 0.3, web: 0.25, marketplace: 0.15 },
    acquisition: { social: 0.4, paid_search: 0.3, referral: 0.2, organic: 0.1 },
    ratingBias: 0,
    reviewRate: 0.2,
    cancelRate: 0.05,
    refundRate: 0.03,
    age: [27, 6],
    tasteCentreScale: 0.3,
  },
};
