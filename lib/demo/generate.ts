// The demo store generator: pure and deterministic (same options → the same rows, byte for byte),
// no I/O, no clock, no Math.random. Stream customers in chunks with generateCustomerChunks so large
// stores never sit in memory; generateDemoStore returns a whole (small) store at once.
//
// demo_ground_truth (each customer's hidden archetype) is for EVALUATION ONLY: analytics must never
// read it. See README.md in this folder for the model behind the data.
import type { DemoCatalog } from "./catalog";
import { simulateCustomer } from "./customers";
import type { DemoCustomerChunk, DemoStoreOptions, ProductRow } from "./types";
import { buildWorld } from "./world";

export const DEFAULT_CHUNK_SIZE = 1000;

/** The catalog of the store these options describe (the same whatever the number of customers). */
export function generateCatalog(options: DemoStoreOptions): DemoCatalog {
  return buildWorld(options).catalog;
}

export function emptyChunk(): DemoCustomerChunk {
  return { customers: [], orders: [], items: [], reviews: [], groundTruth: [] };
}

/** Appends one chunk's rows to another (in place; ids already continue across chunks). */
export function appendChunk(into: DemoCustomerChunk, from: DemoCustomerChunk): void {
  for (const key of ["customers", "orders", "items", "reviews", "groundTruth"] as const) {
    for (const row of from[key]) (into[key] as unknown[]).push(row);
  }
}

/**
 * Customers with their orders, lines, reviews and ground truth, `chunkSize` customers at a time, in
 * id order. Ids continue across chunks (customer i has id i, orders/lines/reviews count up from 1),
 * and products are referenced by the ids of generateCatalog(options).
 */
export function* generateCustomerChunks(
  options: DemoStoreOptions,
  chunkSize = DEFAULT_CHUNK_SIZE,
): Generator<DemoCustomerChunk, void, undefined> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1)
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  const world = buildWorld(options);
  const total = world.options.customers;
  for (let start = 0; start < total; start += chunkSize) {
    const chunk = emptyChunk();
    const end = Math.min(total, start + chunkSize);
    for (let index = start; index < end; index++) simulateCustomer(world, index, chunk);
    yield chunk;
  }
}

export type DemoStore = DemoCustomerChunk & { products: ProductRow[]; catalog: DemoCatalog };

/** A whole store in memory: convenient for tests and small stores; stream big ones instead. */
export function generateDemoStore(options: DemoStoreOptions): DemoStore {
  const catalog = generateCatalog(options);
  const store: DemoStore = { ...emptyChunk(), products: catalog.products, catalog };
  for (const chunk of generateCustomerChunks(options)) appendChunk(store, chunk);
  return store;
}
