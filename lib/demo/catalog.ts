// The demo catalog: 9 categories × 40 products with Chinese and English titles, yuan price ranges per
// product type, Zipf popularity, launch/discontinuation days, and the latent factors of the
// recommendation model (each product's vector is drawn around its category's, so categories are
// clusters in taste space and "people who like this serum like that cream" holds).
import type { Money } from "./currency";
import { Rng } from "./random";

export const LATENT_DIM = 6;

export const CATEGORY_KEYS = [
  "beauty",
  "apparel",
  "electronics",
  "home",
  "food",
  "baby",
  "sports",
  "pets",
  "books",
] as const;
export type CategoryKey = (typeof CATEGORY_KEYS)[number];

type Pair = readonly [zh: string, en: string];
type ProductType = { name: Pair; yuan: readonly [min: number, max: number] };
type CategorySpec = {
  name: Pair;
  /** SKU infix. */
  code: string;
  /** Share of demand before personal taste (sums to 1 over categories). */
  share: number;
  /** Consumables people buy again: the same product reappears in a customer's orders. */
  replenishable: boolean;
  /** Probability that a line has quantity > 1. */
  multiUnit: number;
  types: readonly ProductType[];
  modifiers: readonly Pair[];
  variants: readonly Pair[];
  /** Brands as [zh, en, price tier]: tier scales the price inside the type's range. */
  brands: readonly (readonly [zh: string, en: string, tier: number])[];
};

// prettier-ignore
export const CATEGORIES: Readonly<Record<CategoryKey, CategorySpec>> = {
  beauty: {
    name: ["美妆护肤", "Beauty"],
    code: "BTY",
    share: 0.16,
    replenishable: true,
    multiUnit: 0.14,
    types: [
      { name: ["精华液", "Serum"], yuan: [129, 899] },
      { name: ["面霜", "Face Cream"], yuan: [99, 699] },
      { name: ["洁面乳", "Facial Cleanser"], yuan: [39, 169] },
      { name: ["防晒霜", "Sunscreen"], yuan: [59, 259] },
      { name: ["口红", "Lipstick"], yuan: [79, 329] },
      { name: ["面膜", "Sheet Masks"], yuan: [49, 199] },
      { name: ["爽肤水", "Toner"], yuan: [69, 399] },
      { name: ["眼霜", "Eye Cream"], yuan: [129, 799] },
    ],
    modifiers: [["保湿", "Hydrating"], ["修护", "Repairing"], ["亮白", "Brightening"], ["抗初老", "Anti-aging"], ["温和", "Gentle"], ["控油", "Oil-control"], ["舒缓", "Soothing"]],
    variants: [["30ml", "30ml"], ["50ml", "50ml"], ["100ml", "100ml"], ["旅行装", "Travel Size"], ["礼盒装", "Gift Set"]],
    brands: [["澜肤", "Lanfu", 1], ["悦颜", "Yueyan", 0.9], ["清研", "Qingyan", 1.1], ["花萃", "Floria", 1.3], ["雪漾", "Snowave", 0.8], ["植本", "Plantbase", 1]],
  },
  apparel: {
    name: ["服饰", "Apparel"],
    code: "APP",
    share: 0.15,
    replenishable: false,
    multiUnit: 0.1,
    types: [
      { name: ["T恤", "T-shirt"], yuan: [49, 199] },
      { name: ["连衣裙", "Dress"], yuan: [129, 599] },
      { name: ["牛仔裤", "Jeans"], yuan: [99, 399] },
      { name: ["羽绒服", "Down Jacket"], yuan: [399, 1599] },
      { name: ["卫衣", "Hoodie"], yuan: [99, 359] },
      { name: ["衬衫", "Shirt"], yuan: [89, 399] },
      { name: ["运动鞋", "Sneakers"], yuan: [199, 899] },
      { name: ["针织衫", "Knit Sweater"], yuan: [129, 499] },
    ],
    modifiers: [["纯棉", "Cotton"], ["宽松", "Relaxed-fit"], ["修身", "Slim-fit"], ["复古", "Vintage"], ["简约", "Minimalist"], ["加厚", "Thermal"]],
    variants: [["黑色", "Black"], ["白色", "White"], ["燕麦色", "Oatmeal"], ["藏青色", "Navy"], ["灰色", "Grey"], ["卡其色", "Khaki"]],
    brands: [["素然", "Suran", 1.2], ["衣本", "Ibon", 0.9], ["北岸", "Northshore", 1.1], ["棉趣", "Cottonfun", 0.8], ["拾光", "Timeless", 1]],
  },
  electronics: {
    name: ["数码", "Electronics"],
    code: "ELC",
    share: 0.12,
    replenishable: false,
    multiUnit: 0.05,
    types: [
      { name: ["无线耳机", "Wireless Earbuds"], yuan: [149, 1499] },
      { name: ["充电宝", "Power Bank"], yuan: [79, 299] },
      { name: ["智能手表", "Smartwatch"], yuan: [399, 2999] },
      { name: ["蓝牙音箱", "Bluetooth Speaker"], yuan: [129, 999] },
      { name: ["机械键盘", "Mechanical Keyboard"], yuan: [199, 899] },
      { name: ["平板电脑", "Tablet"], yuan: [1499, 4999] },
      { name: ["手机壳", "Phone Case"], yuan: [19, 99] },
      { name: ["数据线", "Charging Cable"], yuan: [19, 79] },
    ],
    modifiers: [["降噪", "Noise-cancelling"], ["快充", "Fast-charge"], ["超薄", "Ultra-slim"], ["便携", "Portable"], ["旗舰", "Flagship"], ["青春版", "Lite"]],
    variants: [["黑色", "Black"], ["白色", "White"], ["标准版", "Standard"], ["Pro版", "Pro"], ["星空蓝", "Midnight Blue"]],
    brands: [["声阔", "Soundcore", 1], ["极客", "Geekon", 1.2], ["小方", "Cubo", 0.8], ["锐科", "Ruike", 1.1], ["光年", "Lightyear", 1.3]],
  },
  home: {
    name: ["家居", "Home"],
    code: "HOM",
    share: 0.11,
    replenishable: false,
    multiUnit: 0.18,
    types: [
      { name: ["四件套", "Bedding Set"], yuan: [199, 899] },
      { name: ["收纳箱", "Storage Box"], yuan: [29, 129] },
      { name: ["香薰蜡烛", "Scented Candle"], yuan: [59, 229] },
      { name: ["保温杯", "Insulated Bottle"], yuan: [69, 299] },
      { name: ["台灯", "Desk Lamp"], yuan: [99, 459] },
      { name: ["抱枕", "Throw Pillow"], yuan: [39, 149] },
      { name: ["不粘锅", "Non-stick Pan"], yuan: [129, 499] },
      { name: ["毛巾", "Towel Set"], yuan: [39, 129] },
    ],
    modifiers: [["北欧风", "Nordic"], ["日式", "Japanese-style"], ["轻奢", "Premium"], ["简约", "Minimalist"], ["加大", "Large"]],
    variants: [["单只装", "Single"], ["两件套", "Set of 2"], ["米白色", "Ivory"], ["雾霾蓝", "Dusty Blue"], ["原木色", "Natural Wood"]],
    brands: [["木子家", "Muzi Home", 1], ["栖居", "Nestle & Co", 1.2], ["简屋", "Simplehaus", 0.9], ["暖居", "Cozyden", 0.8], ["拾物", "Shiwu", 1.1]],
  },
  food: {
    name: ["食品生鲜", "Food & Grocery"],
    code: "FOD",
    share: 0.14,
    replenishable: true,
    multiUnit: 0.3,
    types: [
      { name: ["坚果礼盒", "Mixed Nuts Gift Box"], yuan: [69, 269] },
      { name: ["挂耳咖啡", "Drip Coffee"], yuan: [39, 129] },
      { name: ["有机大米", "Organic Rice"], yuan: [59, 169] },
      { name: ["牛排", "Ribeye Steak"], yuan: [99, 399] },
      { name: ["绿茶", "Green Tea"], yuan: [59, 499] },
      { name: ["零食大礼包", "Snack Bundle"], yuan: [49, 169] },
      { name: ["纯牛奶", "Whole Milk 12-pack"], yuan: [49, 99] },
      { name: ["车厘子", "Cherries"], yuan: [129, 399] },
    ],
    modifiers: [["有机", "Organic"], ["进口", "Imported"], ["低糖", "Low-sugar"], ["精选", "Select"], ["产地直发", "Farm-direct"]],
    variants: [["500g", "500g"], ["1kg", "1kg"], ["礼盒装", "Gift Box"], ["家庭装", "Family Pack"], ["24袋", "24 Sachets"]],
    brands: [["三只熊", "Three Bears", 0.9], ["良品铺", "Goodies", 1], ["鲜丰", "Freshfeng", 1.1], ["山野", "Wildhill", 1.2], ["每日农场", "Daily Farm", 0.8]],
  },
  baby: {
    name: ["母婴", "Mother & Baby"],
    code: "BBY",
    share: 0.08,
    replenishable: true,
    multiUnit: 0.25,
    types: [
      { name: ["纸尿裤", "Diapers"], yuan: [89, 259] },
      { name: ["婴儿奶粉", "Infant Formula"], yuan: [199, 469] },
      { name: ["婴儿湿巾", "Baby Wipes"], yuan: [29, 79] },
      { name: ["婴儿推车", "Stroller"], yuan: [599, 2999] },
      { name: ["安抚玩偶", "Soft Toy"], yuan: [39, 159] },
      { name: ["奶瓶", "Baby Bottle"], yuan: [59, 229] },
      { name: ["婴儿连体衣", "Baby Romper"], yuan: [59, 199] },
    ],
    modifiers: [["亲肤", "Skin-friendly"], ["超薄", "Ultra-thin"], ["有机", "Organic"], ["防胀气", "Anti-colic"], ["轻便", "Lightweight"]],
    variants: [["标准装", "Standard"], ["大包装", "Value Pack"], ["礼盒装", "Gift Box"], ["1段", "Stage 1"], ["2段", "Stage 2"]],
    brands: [["贝亲宝", "Beqin", 1.1], ["小鹿", "Little Deer", 0.9], ["呵护家", "Carely", 1], ["启蒙", "Kidsmart", 1.2]],
  },
  sports: {
    name: ["运动户外", "Sports & Outdoors"],
    code: "SPT",
    share: 0.09,
    replenishable: false,
    multiUnit: 0.08,
    types: [
      { name: ["瑜伽垫", "Yoga Mat"], yuan: [59, 299] },
      { name: ["跑步鞋", "Running Shoes"], yuan: [299, 1199] },
      { name: ["帐篷", "Camping Tent"], yuan: [299, 1599] },
      { name: ["哑铃", "Dumbbells"], yuan: [99, 499] },
      { name: ["运动水壶", "Sports Bottle"], yuan: [39, 129] },
      { name: ["速干T恤", "Quick-dry Tee"], yuan: [69, 229] },
      { name: ["登山包", "Hiking Backpack"], yuan: [199, 799] },
      { name: ["跳绳", "Jump Rope"], yuan: [19, 79] },
    ],
    modifiers: [["专业", "Pro"], ["轻量", "Lightweight"], ["防水", "Waterproof"], ["透气", "Breathable"], ["入门", "Starter"]],
    variants: [["黑色", "Black"], ["湖蓝色", "Lake Blue"], ["军绿色", "Olive"], ["大号", "Large"], ["标准款", "Standard"]],
    brands: [["野径", "Trailway", 1.1], ["跃动", "Leapfit", 0.9], ["峰行", "Peakline", 1.3], ["凯速", "Kaisu", 1]],
  },
  pets: {
    name: ["宠物", "Pets"],
    code: "PET",
    share: 0.08,
    replenishable: true,
    multiUnit: 0.3,
    types: [
      { name: ["猫粮", "Cat Food"], yuan: [89, 399] },
      { name: ["狗粮", "Dog Food"], yuan: [99, 459] },
      { name: ["猫砂", "Cat Litter"], yuan: [39, 129] },
      { name: ["宠物零食", "Pet Treats"], yuan: [29, 99] },
      { name: ["猫抓板", "Cat Scratcher"], yuan: [29, 169] },
      { name: ["宠物窝", "Pet Bed"], yuan: [79, 299] },
      { name: ["牵引绳", "Leash"], yuan: [29, 129] },
    ],
    modifiers: [["无谷", "Grain-free"], ["低敏", "Hypoallergenic"], ["天然", "Natural"], ["高蛋白", "High-protein"], ["除臭", "Odor-control"]],
    variants: [["小号", "Small"], ["中号", "Medium"], ["大号", "Large"], ["家庭装", "Family Pack"], ["2kg", "2kg"]],
    brands: [["麦富迪", "Myfoodie", 1], ["喵星人", "Meowstar", 0.9], ["汪仔", "Woofy", 0.8], ["自然派", "Naturo", 1.2]],
  },
  books: {
    name: ["图书", "Books"],
    code: "BOK",
    share: 0.07,
    replenishable: false,
    multiUnit: 0.06,
    types: [
      { name: ["小说", "Novel"], yuan: [29, 79] },
      { name: ["儿童绘本", "Picture Book"], yuan: [29, 129] },
      { name: ["编程入门", "Programming Guide"], yuan: [59, 149] },
      { name: ["历史读物", "History Book"], yuan: [39, 129] },
      { name: ["心理学读物", "Psychology Book"], yuan: [39, 99] },
      { name: ["漫画", "Comic"], yuan: [29, 89] },
      { name: ["菜谱", "Cookbook"], yuan: [39, 109] },
    ],
    modifiers: [["畅销", "Bestselling"], ["经典", "Classic"], ["图解", "Illustrated"], ["新版", "New Edition"], ["悬疑", "Mystery"]],
    variants: [["平装", "Paperback"], ["精装", "Hardcover"], ["套装", "Box Set"]],
    brands: [["星河出版", "Galaxy Press", 1], ["青禾文化", "Greenfield Books", 0.9], ["知行书局", "Zhixing Books", 1.1]],
  },
};

export type ProductRow = {
  id: number;
  sku: string;
  title: string;
  titleEn: string;
  titleZh: string;
  category: string;
  brand: string;
  priceMinor: number;
  active: boolean;
};

/** What the customer simulation needs to know about products, as flat arrays indexed by product id − 1. */
export type CatalogModel = {
  size: number;
  /** Products are numbered category by category: category c owns ids categoryStart[c] + 1 … categoryStart[c + 1]. */
  categoryStart: Int32Array;
  categoryOf: Uint8Array;
  /** LATENT_DIM values per product (row-major). */
  factors: Float64Array;
  /** LATENT_DIM values per category: the centre its products are drawn around. */
  categoryFactors: Float64Array;
  /** Quality: shifts every customer's rating of the product. */
  ratingBias: Float64Array;
  /** Demand weight before personal taste, Zipf within and across categories. */
  popularity: Float64Array;
  /** log(price / median price of the category): price-sensitive customers avoid high values. */
  logRelativePrice: Float64Array;
  priceMinor: Int32Array;
  /** First and last day index (inclusive) the product can be bought. */
  availableFrom: Int32Array;
  availableUntil: Int32Array;
};

export type DemoCatalog = { products: ProductRow[]; model: CatalogModel };

const PRODUCTS_PER_CATEGORY = 40;
// Zipf exponent of popularity inside a category: a few best sellers, a long tail.
const ZIPF_EXPONENT = 1.05;

export function buildCatalog(options: {
  seed: number;
  language: "zh" | "en";
  historyDays: number;
  money: Money;
}): DemoCatalog {
  const { language, historyDays, money } = options;
  const rng = new Rng(options.seed, 0xca7a106);
  const nCategories = CATEGORY_KEYS.length;
  const size = nCategories * PRODUCTS_PER_CATEGORY;
  const model: CatalogModel = {
    size,
    categoryStart: new Int32Array(nCategories + 1),
    categoryOf: new Uint8Array(size),
    factors: new Float64Array(size * LATENT_DIM),
    categoryFactors: new Float64Array(nCategories * LATENT_DIM),
    ratingBias: new Float64Array(size),
    popularity: new Float64Array(size),
    logRelativePrice: new Float64Array(size),
    priceMinor: new Int32Array(size),
    availableFrom: new Int32Array(size),
    availableUntil: new Int32Array(size).fill(historyDays - 1),
  };
  for (let i = 0; i < model.categoryFactors.length; i++) model.categoryFactors[i] = rng.normal(0, 0.75);

  const products: ProductRow[] = [];
  CATEGORY_KEYS.forEach((key, c) => {
    const spec = CATEGORIES[key];
    model.categoryStart[c] = products.length;
    const ranks = rng.shuffle(Array.from({ length: PRODUCTS_PER_CATEGORY }, (_, i) => i + 1));
    const zipfTotal = ranks.reduce((sum, r) => sum + r ** -ZIPF_EXPONENT, 0);
    const titles = new Set<string>();
    const prices: number[] = [];
    for (let k = 0; k < PRODUCTS_PER_CATEGORY; k++) {
      const index = products.length;
      // Cycle through the types so every type is stocked, then draw the rest of the title until unique.
      const type = spec.types[k % spec.types.length] as ProductType;
      let brand: (typeof spec.brands)[number];
      let modifier: Pair;
      let variant: Pair;
      do {
        brand = rng.pick(spec.brands);
        modifier = rng.pick(spec.modifiers);
        variant = rng.pick(spec.variants);
      } while (titles.has(`${brand[1]}|${modifier[1]}|${type.name[1]}|${variant[1]}`));
      titles.add(`${brand[1]}|${modifier[1]}|${type.name[1]}|${variant[1]}`);

      const [lo, hi] = type.yuan;
      // Log-uniform inside the type's range, pushed up or down by the brand's tier.
      const yuan = Math.min(
        hi * 1.2,
        Math.max(lo * 0.85, Math.exp(rng.uniform(Math.log(lo), Math.log(hi))) * brand[2]),
      );
      const priceMinor = money.listPrice(yuan);
      prices.push(priceMinor);

      const titleZh = `${brand[0]} ${modifier[0]}${type.name[0]} ${variant[0]}`;
      const titleEn = `${brand[1]} ${modifier[1]} ${type.name[1]}, ${variant[1]}`;
      products.push({
        id: index + 1,
        sku: `SKU-${spec.code}-${String(k + 1).padStart(3, "0")}`,
        title: language === "zh" ? titleZh : titleEn,
        titleEn,
        titleZh,
        category: language === "zh" ? spec.name[0] : spec.name[1],
        brand: language === "zh" ? brand[0] : brand[1],
        priceMinor,
        active: true,
      });
      model.categoryOf[index] = c;
      model.priceMinor[index] = priceMinor;
      model.popularity[index] = (spec.share * (ranks[k] as number) ** -ZIPF_EXPONENT) / zipfTotal;
      model.ratingBias[index] = rng.normal(0, 0.3) + 0.15 * (brand[2] - 1);
      for (let f = 0; f < LATENT_DIM; f++) {
        model.factors[index * LATENT_DIM + f] =
          (model.categoryFactors[c * LATENT_DIM + f] as number) + rng.normal(0, 0.6);
      }
      // ~12% launched during the history window, ~4% discontinued (inactive now, sold before).
      const life = rng.next();
      if (life < 0.12) model.availableFrom[index] = Math.floor(rng.uniform(0.15, 0.9) * historyDays);
      else if (life < 0.16) {
        model.availableUntil[index] = Math.floor(rng.uniform(0.3, 0.85) * historyDays);
        (products[index] as ProductRow).active = false;
      }
    }
    const sorted = [...prices].sort((a, b) => a - b);
    const median = sorted[sorted.length >> 1] as number;
    for (let k = 0; k < PRODUCTS_PER_CATEGORY; k++) {
      const index = (model.categoryStart[c] as number) + k;
      model.logRelativePrice[index] = Math.log((model.priceMinor[index] as number) / median);
    }
  });
  model.categoryStart[nCategories] = products.length;
  return { products, model };
}

export function isReplenishable(category: number): boolean {
  return CATEGORIES[CATEGORY_KEYS[category] as CategoryKey].replenishable;
}

export function multiUnitChance(category: number): number {
  return CATEGORIES[CATEGORY_KEYS[category] as CategoryKey].multiUnit;
}
