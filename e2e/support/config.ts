import type { ExpectedOverview } from "./expected-overview";

// What the e2e servers are seeded with (scripts/e2e-server.ts) and what the specs check against.
export const E2E_SEED = { customers: 400, seed: 7, asOf: "2026-11-01" } as const;
/** October 2026, complete in the seeded data (which runs to 2026-10-31). */
export const E2E_PERIOD = { from: "2026-10-01", to: "2026-10-31" } as const;
export const E2E_PASSWORD = "e2e-password-123";
export const E2E_PORTS = { pglite: 3100, postgres: 3101 } as const;
export const E2E_DATA_DIR = ".data-e2e";

/** Written by scripts/e2e-server.ts for each leg, read by the specs. */
export type E2EFixtures = {
  overview: ExpectedOverview;
  stores: Record<string, { id: number; customerId: number }>;
  /** Names, emails and phones of every seeded customer (privacy checks of LLM requests). */
  personal: string[];
};
