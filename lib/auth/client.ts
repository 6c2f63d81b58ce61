"use client";
import { createAuthClient } from "better-auth/react";

/** Browser side of Better Auth: sign-in and sign-out go through /api/auth (rate limited there). */
export const authClient = createAuthClient();
