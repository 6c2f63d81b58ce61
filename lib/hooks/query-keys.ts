// Every TanStack Query key of the app, with every parameter in the key.
export const queryKeys = {
  run: (runId: number) => ["run", runId] as const,
};
