// One customer's life in the demo store: profile, latent taste, purchase times, orders with their
// lines and discounts, order outcomes and reviews. Each customer draws from its own random stream
// (seed, index), so the result does not depend on chunking.
//
// The taste model is a small matrix factorisation: customer vector p (around the archetype's
// direction) and product vector q (around the category's). The same p·q drives which products
// are bought (with popularity and price) and how they are rated, so collaborative filtering on the
// output has real signal, as does "customers who buy in a category rate it higher".
import { ARCHETYPES, ARCHETYPE_SPECS, type ArchetypeSpec, type OrderChannel } from "./archetypes";
import { FIRST_DAYTIME_MS, instantOf, sampleMsOfDay } from "./calendar";
import { CATEGORY_KEYS, LATENT_DIM, isReplenishable, multiUnitChance, type CategoryKey } from "./catalog";
import { emailFor } from "./names";
import { cumulativeOf, Rng } from "./random";
import { reviewText } from "./review-text";
import type { CustomerRow, DemoCustomerChunk, OrderItemRow, OrderStatus } from "./types";
import type { World } from "./world";

const STREAM_CUSTOMER = 0xc057;
// A module-local copy: the hot loops below should not go through an import binding.
const K = LATENT_DIM;

/** Weight of p·q in product choice (a multinomial logit on popularity, taste and price). */
const TASTE_IN_CHOICE = 0.5;
/** Stars per unit of p·q, the mean rating, and the rating noise (sd, stars). */
const TASTE_IN_RATING = 0.45;
const BASE_RATING = 3.9;
/** Share of reviews after a bad experience (damaged parcel, wrong item): one or two stars whatever the fit. */
const BAD_EXPERIENCE = 0.04;
const RATING_NOISE = 0.55;
/** How far a customer's vector sits from the archetype direction (sd per dimension). */
const TASTE_SPREAD = 0.7;
/** Share of a customer's orders placed through their usual channel. */
const CHANNEL_LOYALTY = 0.75;
const MAX_LINES = 8;

// Mild differences in category interest by gender, as in most retail panels.
const GENDER_CATEGORY_BIAS: Readonly<Record<"female" | "male", Partial<Record<CategoryKey, number>>>> = {
  female: { beauty: 0.5, baby: 0.3, apparel: 0.2, electronics: -0.3, sports: -0.1 },
  male: { electronics: 0.4, sports: 0.3, beauty: -0.5, baby: -0.2 },
};

type Taste = {
  vector: Float64Array;
  categoryCumulative: Float64Array;
  ratingBias: number;
};

type Behaviour = {
  ordersPerYear: number;
  dropout: number;
  festivalSensitivity: number;
  dealSeeking: number;
  couponRate: number;
  reviewRate: number;
  primaryChannel: OrderChannel;
};

type PurchaseMoment = { day: number; at: number };

function dot(a: ArrayLike<number>, aOffset: number, b: ArrayLike<number>, bOffset: number): number {
  let s = 0;
  for (let f = 0; f < K; f++) s += (a[aOffset + f] as number) * (b[bOffset + f] as number);
  return s;
}

export function simulateCustomer(world: World, index: number, out: DemoCustomerChunk): void {
  const rng = new Rng(world.options.seed, STREAM_CUSTOMER, index);
  const archetypeIndex = rng.pickCumulative(world.archetypeCumulative);
  const archetype = ARCHETYPES[archetypeIndex] as (typeof ARCHETYPES)[number];
  const spec = ARCHETYPE_SPECS[archetype];
  const customerId = index + 1;

  const behaviour: Behaviour = {
    ordersPerYear: rng.gamma(spec.rateShape, spec.ordersPerYear / spec.rateShape),
    dropout: rng.betaMean(spec.dropout, spec.dropoutConcentration),
    festivalSensitivity: rng.logNormal(spec.festivalSensitivity, 0.4),
    dealSeeking: rng.betaMean(spec.dealSeeking, 8),
    couponRate: Math.min(0.95, spec.couponRate * rng.logNormal(1, 0.3)),
    reviewRate: rng.betaMean(spec.reviewRate, 12),
    primaryChannel: rng.pickWeighted(world.channels[archetypeIndex] ?? {}),
  };
  const moments = drawPurchaseMoments(world, rng, spec, archetypeIndex, behaviour);
  const customer = drawCustomer(world, rng, spec, customerId, moments[0] as PurchaseMoment);
  const taste = drawTaste(world, rng, spec, archetypeIndex, customer.gender);

  out.customers.push(customer);
  out.groundTruth.push({ customerId, archetype, taste: Array.from(taste.vector) });
  buildOrders(world, rng, spec, archetypeIndex, customerId, behaviour, taste, moments, out);
}

/**
 * Purchase instants: the first order in the archetype's window, then a thinned Poisson process
 * whose intensity follows the calendar (weekday × (1 + sensitivity × festival lift)), normalised so
 * the customer still averages `ordersPerYear`; after each purchase the customer may drop out.
 */
function drawPurchaseMoments(
  world: World,
  rng: Rng,
  spec: ArchetypeSpec,
  archetypeIndex: number,
  b: Behaviour,
): PurchaseMoment[] {
  const cal = world.calendar;
  const days = cal.days;
  const firstDay = rng.pickCumulative(world.firstOrderCumulative[archetypeIndex] as Float64Array);
  const moments: PurchaseMoment[] = [
    { day: firstDay, at: (cal.localMidnightUtc[firstDay] as number) + sampleMsOfDay(rng) },
  ];
  const endDay = spec.churn
    ? Math.floor(days * rng.uniform(Math.max(spec.churn[0], firstDay / days + 0.15), spec.churn[1]))
    : days;

  const s = b.festivalSensitivity;
  const maxIntensity = cal.maxBaseline + s * cal.maxBaselineLift;
  const meanIntensity = cal.meanBaseline + s * cal.meanBaselineLift;
  const candidatesPerDay = ((b.ordersPerYear / 365) * maxIntensity) / meanIntensity;
  let t = firstDay + 0.5;
  while (!rng.chance(b.dropout)) {
    let day = -1;
    for (;;) {
      t += rng.exponential(candidatesPerDay);
      const d = Math.floor(t);
      if (d >= endDay) break;
      const intensity = (cal.baseline[d] as number) * (1 + s * (cal.festivalLift[d] as number));
      if (rng.next() * maxIntensity < intensity) {
        day = d;
        break;
      }
    }
    if (day < 0) break;
    const at = instantOf(cal, day, sampleMsOfDay(rng));
    if (at === undefined) break; // later than asOf on asOf's own day
    moments.push({ day, at });
  }
  return moments.sort((x, y) => x.at - y.at);
}

function drawCustomer(world: World, rng: Rng, spec: ArchetypeSpec, id: number, first: PurchaseMoment): CustomerRow {
  const { options, calendar } = world;
  const genderRoll = rng.next();
  const femaleShare = options.language === "zh" ? 0.58 : 0.54;
  const gender = genderRoll < 0.05 ? null : genderRoll < 0.07 ? "other" : rng.chance(femaleShare) ? "female" : "male";
  const asOfYear = options.asOf.getUTCFullYear();
  const age = Math.round(Math.min(78, Math.max(18, rng.normal(spec.age[0], spec.age[1]))));
  const birthYear = rng.chance(0.1) ? null : asOfYear - age;
  const person = world.people.person(rng, gender);
  const email = rng.chance(0.06) ? null : emailFor(rng, person, birthYear, world.emails);
  const phone = rng.chance(options.language === "zh" ? 0.04 : 0.2) ? null : person.phone;
  const noCity = rng.chance(0.03);

  // Sign-up on the day of the first order (just before it) or some days earlier.
  const firstMsOfDay = first.at - (calendar.localMidnightUtc[first.day] as number);
  let signupDay = first.day;
  if (!rng.chance(0.55)) signupDay = Math.max(0, first.day - Math.ceil(rng.exponential(1 / 25)));
  const signupMsOfDay =
    signupDay === first.day
      ? rng.uniform(FIRST_DAYTIME_MS, Math.max(FIRST_DAYTIME_MS, firstMsOfDay))
      : sampleMsOfDay(rng);
  const signupAt = Math.min(first.at, (calendar.localMidnightUtc[signupDay] as number) + Math.floor(signupMsOfDay));

  return {
    id,
    externalId: `C${String(id).padStart(6, "0")}`,
    name: rng.chance(0.02) ? null : person.name,
    email,
    phone,
    gender,
    birthYear,
    city: noCity ? null : person.city,
    region: noCity ? null : person.region,
    country: person.country,
    signupAt: new Date(signupAt),
    acquisitionChannel: rng.chance(0.04) ? null : rng.pickWeighted(spec.acquisition),
  };
}

/** The customer's latent vector, category preferences, and (in world.scratch) product weights. */
function drawTaste(
  world: World,
  rng: Rng,
  spec: ArchetypeSpec,
  archetypeIndex: number,
  gender: CustomerRow["gender"],
): Taste {
  const model = world.catalog.model;
  const vector = new Float64Array(K);
  for (let f = 0; f < K; f++) {
    vector[f] =
      spec.tasteCentreScale * (world.archetypeTaste[archetypeIndex * K + f] as number) + rng.normal(0, TASTE_SPREAD);
  }
  const nCategories = CATEGORY_KEYS.length;
  const logWeight = Float64Array.from(world.logCategoryShare);
  const genderBias = gender === "female" || gender === "male" ? GENDER_CATEGORY_BIAS[gender] : {};
  CATEGORY_KEYS.forEach((key, c) => {
    logWeight[c] = (logWeight[c] as number) + (spec.categoryBias[key] ?? 0) + (genderBias[key] ?? 0);
  });
  if (spec.favourites) {
    const count = rng.int(spec.favourites.count[0], spec.favourites.count[1]);
    const shares = cumulativeOf(Array.from(world.logCategoryShare, Math.exp));
    const favourites = new Set<number>();
    while (favourites.size < count) favourites.add(rng.pickCumulative(shares));
    for (const c of favourites) {
      logWeight[c] = (logWeight[c] as number) + spec.favourites.boost;
      // Enthusiasts' taste leans towards their categories, so they also like what they buy there.
      for (let f = 0; f < K; f++)
        vector[f] = (vector[f] as number) + 0.8 * (model.categoryFactors[c * K + f] as number);
    }
  }
  for (let c = 0; c < nCategories; c++) {
    logWeight[c] = (logWeight[c] as number) + spec.tasteWeight * dot(vector, 0, model.categoryFactors, c * K);
  }
  const categoryCumulative = cumulativeOf(Array.from(logWeight, Math.exp));

  const priceSensitivity = rng.normal(spec.priceSensitivity, 0.35);
  const { affinity, productCumulative } = world.scratch;
  let total = 0;
  for (let j = 0; j < model.size; j++) {
    const a = dot(vector, 0, model.factors, j * K);
    affinity[j] = a;
    total +=
      (model.popularity[j] as number) *
      Math.exp(TASTE_IN_CHOICE * a - priceSensitivity * (model.logRelativePrice[j] as number));
    productCumulative[j] = total;
  }
  return { vector, categoryCumulative, ratingBias: rng.normal(spec.ratingBias, 0.3) };
}

function expectedStars(world: World, taste: Taste, product: number): number {
  const model = world.catalog.model;
  return (
    BASE_RATING +
    taste.ratingBias +
    (model.ratingBias[product] as number) +
    TASTE_IN_RATING * (world.scratch.affinity[product] as number)
  );
}

function buildOrders(
  world: World,
  rng: Rng,
  spec: ArchetypeSpec,
  archetypeIndex: number,
  customerId: number,
  behaviour: Behaviour,
  taste: Taste,
  moments: readonly PurchaseMoment[],
  out: DemoCustomerChunk,
): void {
  const { calendar, catalog, money, options, ids } = world;
  const model = catalog.model;
  const isGiftBuyer = ARCHETYPES[archetypeIndex] === "festival_gift_buyer";
  const restock: number[] = []; // replenishable products bought before (0-based)
  const reviewed = new Set<number>();

  const available = (j: number, day: number) =>
    day >= (model.availableFrom[j] as number) && day <= (model.availableUntil[j] as number);
  const chooseProduct = (day: number): number => {
    if (restock.length > 0 && rng.chance(spec.repurchase)) {
      const j = rng.pick(restock);
      if (available(j, day)) return j;
    }
    for (let attempt = 0; attempt < 6; attempt++) {
      const c = rng.pickCumulative(taste.categoryCumulative);
      const j = rng.pickCumulative(world.scratch.productCumulative, model.categoryStart[c], model.categoryStart[c + 1]);
      if (available(j, day)) return j;
    }
    return -1;
  };

  for (const moment of moments) {
    const { day } = moment;
    const lift = calendar.festivalLift[day] as number;
    const depth = calendar.dealDepth[day] as number;
    const festive = lift > 0;
    const lineCount = Math.min(MAX_LINES, 1 + rng.poisson(spec.extraLines + (festive ? (isGiftBuyer ? 0.8 : 0.3) : 0)));
    const products: number[] = [];
    for (let k = 0; k < lineCount * 3 && products.length < lineCount; k++) {
      const j = chooseProduct(day);
      if (j >= 0 && !products.includes(j)) products.push(j);
    }
    if (products.length === 0) continue; // nothing on sale for this customer that day

    const orderId = ++ids.order;
    const lines: OrderItemRow[] = [];
    let subtotal = 0;
    let worstFit = Infinity;
    for (const j of products) {
      const category = model.categoryOf[j] as number;
      const multi = multiUnitChance(category) + (festive && isGiftBuyer ? 0.15 : 0);
      const quantity = rng.chance(multi) ? Math.min(6, 2 + rng.poisson(0.4)) : 1;
      const unitPriceMinor = model.priceMinor[j] as number;
      const gross = quantity * unitPriceMinor;
      // Festival days carry store-wide deals that deal seekers pick; ordinary days, a few flash sales.
      const dealChance = depth > 0 ? 0.1 + 0.85 * behaviour.dealSeeking : 0.02 + 0.3 * behaviour.dealSeeking;
      const discountMinor = rng.chance(dealChance)
        ? Math.round(gross * (depth > 0 ? depth * rng.uniform(0.7, 1.3) : rng.uniform(0.05, 0.2)))
        : 0;
      lines.push({ id: ++ids.item, orderId, productId: j + 1, quantity, unitPriceMinor, discountMinor });
      subtotal += gross - discountMinor;
      worstFit = Math.min(worstFit, expectedStars(world, taste, j));
    }

    let couponMinor = 0;
    if (rng.chance(Math.min(0.95, behaviour.couponRate * (festive ? 1.5 : 1)))) {
      const coupon = money.couponAmount(subtotal * rng.uniform(0.05, 0.15) * (festive ? 1.3 : 1));
      // Coupons never take more than half the order (and are not offered on tiny baskets).
      if (coupon <= subtotal / 2) couponMinor = coupon;
    }

    // Returns come mostly from products that fit the customer badly.
    const refundRate = spec.refundRate * (1 + 0.8 * Math.max(0, 3.8 - worstFit));
    const roll = rng.next();
    const status: OrderStatus =
      roll < spec.cancelRate ? "cancelled" : roll < spec.cancelRate + refundRate ? "refunded" : "paid";

    out.orders.push({
      id: orderId,
      externalId: `O${String(orderId).padStart(7, "0")}`,
      customerId,
      placedAt: new Date(moment.at),
      status,
      channel: rng.chance(CHANNEL_LOYALTY)
        ? behaviour.primaryChannel
        : rng.pickWeighted(world.channels[archetypeIndex] ?? {}),
      currency: options.currency,
      totalMinor: subtotal - couponMinor,
      discountMinor: couponMinor,
    });
    for (const line of lines) out.items.push(line);
    if (status === "cancelled") continue;

    for (const j of products) {
      if (isReplenishable(model.categoryOf[j] as number) && !restock.includes(j)) {
        restock.push(j);
        if (restock.length > 6) restock.shift();
      }
      if (reviewed.has(j) || !rng.chance(behaviour.reviewRate * (status === "refunded" ? 1.6 : 1))) continue;
      // Reviews come after delivery (2–6 days) plus a few days of use.
      const reviewDay = day + rng.int(2, 6) + Math.floor(rng.exponential(1 / 5));
      const at = instantOf(calendar, reviewDay, sampleMsOfDay(rng));
      if (at === undefined) continue; // not written yet on asOf
      reviewed.add(j);
      const raw = expectedStars(world, taste, j) + rng.normal(0, RATING_NOISE) - (status === "refunded" ? 1.4 : 0);
      const rating = (
        rng.chance(BAD_EXPERIENCE) ? (rng.chance(0.7) ? 1 : 2) : Math.min(5, Math.max(1, Math.round(raw)))
      ) as 1 | 2 | 3 | 4 | 5;
      out.reviews.push({
        id: ++ids.review,
        customerId,
        productId: j + 1,
        rating,
        text: reviewText(rng, rating, CATEGORY_KEYS[model.categoryOf[j] as number] as CategoryKey, options.language),
        createdAt: new Date(at),
      });
    }
  }
}
