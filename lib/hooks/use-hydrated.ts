"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server render and during hydration, true once React owns the page. Controls whose
 * handler lives only in JavaScript stay disabled until then, so an early click cannot fall through to
 * the browser's own form submission.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
