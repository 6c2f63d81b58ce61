// Everything one generation run shares across customers: resolved options, calendar, catalog,
// archetype taste directions and first-order distributions, plus the run's sequential state (Faker
// streams, e-mail addresses taken, id counters). A fresh World per run keeps runs independent.
import { ARCHETYPES, ARCHETYPE_SPECS, type Archetype, type OrderChannel } from "./archetypes";
import { assertTimeZone, buildCalendar, type Calendar } from "./calendar";
import { buildCatalog, CATEGORIES, CATEGORY_KEYS, LATENT_DIM, type DemoCatalog } from "./catalog";
import { getMoney, type Money } from "./currency";
import { PeopleFactory } from "./names";
import { cumulativeOf, Rng } from "./random";
import type { DemoStoreOptions, ResolvedDemoOptions } from "./types";

export const DEFAULT_HISTORY_DAYS = 730;
const MIN_HISTORY_DAYS = 180;
const MAX_HISTORY_DAYS = 3650;
export const MAX_CUSTOMERS = 5_000_000;

export function resolveDemoOptions(options: DemoStoreOptions): ResolvedDemoOptions {
  const { customers, seed, asOf, currency, timezone, language } = options;
  const historyDays = options.historyDays ?? DEFAULT_HISTORY_DAYS;
  if (!Number.isInteger(customers) || customers < 1 || customers > MAX_CUSTOMERS) {
    throw new RangeError(`customers must be an integer from 1 to ${MAX_CUSTOMERS}, got ${customers}`);
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  if (!(asOf instanceof Date) || Number.isNaN(asOf.getTime())) throw new RangeError("asOf must be a valid Date");
  if (!Number.isInteger(historyDays) || historyDays < MIN_HISTORY_DAYS || historyDays > MAX_HISTORY_DAYS) {
    throw new RangeError(
      `historyDays must be an integer from ${MIN_HISTORY_DAYS} to ${MAX_HISTORY_DAYS}, got ${historyDays}`,
    );
  }
  if (language !== "zh" && language !== "en")
    throw new RangeError(`language must be "zh" or "en", got ${String(language)}`);
  getMoney(currency); // throws on an unsupported currency
  assertTimeZone(timezone);
  return { customers, seed, asOf: new Date(asOf.getTime()), historyDays, currency, timezone, language };
}

export type World = {
  options: ResolvedDemoOptions;
  calendar: Calendar;
  catalog: DemoCatalog;
  money: Money;
  archetypeCumulative: Float64Array;
  /** LATENT_DIM values per archetype: the taste direction its customers are drawn around. */
  archetypeTaste: Float64Array;
  /** Per archetype, cumulative weights over days of the first order. */
  firstOrderCumulative: Float64Array[];
  /** Per archetype, order channel weights for the store's market (no mini programs outside China). */
  channels: Partial<Record<OrderChannel, number>>[];
  logCategoryShare: Float64Array;
  people: PeopleFactory;
  emails: Set<string>;
  ids: { order: number; item: number; review: number };
  /** Per-customer scratch space, reused to keep the allocation rate flat. */
  scratch: { affinity: Float64Array; productCumulative: Float64Array };
};

// Customers acquired per day grow ~3× over two years: most stores in a demo should look alive.
const ACQUISITION_GROWTH = 1.1;

function firstOrderWeights(calendar: Calendar, archetype: Archetype): Float64Array {
  const spec = ARCHETYPE_SPECS[archetype];
  const days = calendar.days;
  // Never on asOf's own day, so a first order always fits before asOf.
  const from = Math.floor(spec.firstOrder[0] * days);
  const to = Math.min(days - 2, Math.ceil(spec.firstOrder[1] * days) - 1);
  const weights = new Float64Array(days);
  for (let d = from; d <= to; d++) {
    const demand =
      (calendar.baseline[d] as number) * (1 + spec.festivalSensitivity * (calendar.festivalLift[d] as number));
    weights[d] = Math.exp((ACQUISITION_GROWTH * d) / days) * demand;
  }
  return cumulativeOf(weights);
}

export function buildWorld(options: DemoStoreOptions): World {
  const resolved = resolveDemoOptions(options);
  const money = getMoney(resolved.currency);
  const calendar = buildCalendar({
    asOf: resolved.asOf,
    historyDays: resolved.historyDays,
    timeZone: resolved.timezone,
    market: resolved.language,
  });
  const catalog = buildCatalog({
    seed: resolved.seed,
    language: resolved.language,
    historyDays: resolved.historyDays,
    money,
  });
  const rng = new Rng(resolved.seed, 0x3021d);
  const archetypeTaste = new Float64Array(ARCHETYPES.length * LATENT_DIM);
  for (let i = 0; i < archetypeTaste.length; i++) archetypeTaste[i] = rng.normal();
  const size = catalog.model.size;
  return {
    options: resolved,
    calendar,
    catalog,
    money,
    archetypeCumulative: cumulativeOf(ARCHETYPES.map((a) => ARCHETYPE_SPECS[a].share)),
    archetypeTaste,
    firstOrderCumulative: ARCHETYPES.map((a) => firstOrderWeights(calendar, a)),
    channels: ARCHETYPES.map((a) => {
      const weights = { ...ARCHETYPE_SPECS[a].channels };
      if (resolved.language !== "zh") delete weights.mini_program;
      return weights;
    }),
    logCategoryShare: Float64Array.from(CATEGORY_KEYS, (k) => Math.log(CATEGORIES[k].share)),
    people: new PeopleFactory(resolved.seed, resolved.language),
    emails: new Set(),
    ids: { order: 0, item: 0, review: 0 },
    scratch: { affinity: new Float64Array(size), productCumulative: new Float64Array(size) },
  };
}
