// Empty stand-in for the `server-only` marker package in Vitest (vitest.config.mts).
export {};
