// The seeded stores and accounts (scripts/seed.ts); e2e tests sign in with these.
export const DEMO_STORES = {
  a: {
    slug: "demo",
    name: "鲜选生活 · Fresh Select",
    currency: "CNY",
    timezone: "Asia/Shanghai",
    language: "zh" as const,
  },
  b: {
    slug: "harbor",
    name: "Harbor & Pine Outfitters",
    currency: "USD",
    timezone: "America/New_York",
    language: "en" as const,
  },
};

export const DEMO_STAFF = [
  { email: "analyst@shoplens.dev", name: "李分析", role: "analyst" as const },
  { email: "marketer@shoplens.dev", name: "王营销", role: "marketer" as const },
  { email: "viewer@shoplens.dev", name: "赵只读", role: "viewer" as const },
];
export const HARBOR_OWNER = { email: "owner@harbor.example", name: "Harriet Pine" };
