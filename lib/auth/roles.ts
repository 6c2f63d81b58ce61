// What each role may do. Pure: used by server actions (enforcement) and by pages (hiding controls).
import type { Role } from "../generated/prisma/enums";

export const ROLES = ["owner", "analyst", "marketer", "viewer"] as const satisfies readonly Role[];

export type Permission =
  | "store.view"
  | "data.import"
  | "pipeline.run"
  | "campaign.write"
  | "pii.unmask"
  | "settings.manage"
  | "members.manage";

const GRANTS: Record<Role, readonly Permission[]> = {
  owner: [
    "store.view",
    "data.import",
    "pipeline.run",
    "campaign.write",
    "pii.unmask",
    "settings.manage",
    "members.manage",
  ],
  analyst: ["store.view", "data.import", "pipeline.run", "campaign.write"],
  marketer: ["store.view", "campaign.write"],
  viewer: ["store.view"],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
