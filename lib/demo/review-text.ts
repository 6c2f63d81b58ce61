// Short review texts matched to the star rating, in the store's language, with an optional
// category-specific remark so text analytics (keywords, sentiment by category) have something real.
import type { CategoryKey } from "./catalog";
import type { Rng } from "./random";

type Pool = { zh: readonly string[]; en: readonly string[] };

// prettier-ignore
const BY_STARS: Readonly<Record<1 | 2 | 3 | 4 | 5, Pool>> = {
  5: {
    zh: ["质量很好，物流很快", "非常满意，会回购", "包装精美，送人很合适", "效果超出预期，推荐！", "性价比很高，好评", "第二次买了，一如既往的好", "客服态度好，发货速度快", "做工精细，值这个价"],
    en: ["Great quality, fast delivery", "Love it, will buy again", "Beautifully packaged, perfect as a gift", "Better than expected, highly recommend!", "Excellent value for money", "Second purchase, as good as ever", "Helpful support and quick shipping", "Well made and worth the price"],
  },
  4: {
    zh: ["整体不错，就是物流稍慢", "东西挺好的，价格再低点就更好了", "还可以，符合描述", "用了几天感觉不错", "挺满意的，包装可以再好一点"],
    en: ["Pretty good overall, shipping was a bit slow", "Nice product, would love a lower price", "Good, matches the description", "Used it for a few days, so far so good", "Happy with it, packaging could be better"],
  },
  3: {
    zh: ["一般般，中规中矩", "和图片有点差别，凑合用", "质量一般，对得起价格", "还行吧，没有特别惊艳"],
    en: ["It's okay, nothing special", "A bit different from the photos, but usable", "Average quality for the price", "Fine, but not impressive"],
  },
  2: {
    zh: ["有点失望，做工粗糙", "物流太慢了，包装也破了", "和描述不太一样", "用了两次就出问题了"],
    en: ["A bit disappointed, feels cheap", "Very slow delivery and the box was damaged", "Not quite as described", "Started having problems after two uses"],
  },
  1: {
    zh: ["质量太差，申请退货了", "完全不能用，差评", "买了就后悔，不推荐", "客服不理人，再也不买了"],
    en: ["Terrible quality, returned it", "Doesn't work at all", "Regret buying this, not recommended", "Support never answered, never again"],
  },
};

// prettier-ignore
const CATEGORY_REMARKS: Readonly<Record<CategoryKey, { good: Pool; bad: Pool }>> = {
  beauty: {
    good: { zh: ["用完皮肤很水润", "味道清新不刺激"], en: ["My skin feels so hydrated", "Light scent, no irritation"] },
    bad: { zh: ["用了有点过敏", "太油腻了"], en: ["Gave me a slight rash", "Far too greasy"] },
  },
  apparel: {
    good: { zh: ["尺码标准，面料舒服", "上身效果很好"], en: ["True to size, comfy fabric", "Looks great on"] },
    bad: { zh: ["洗一次就起球了", "尺码偏小"], en: ["Pilled after one wash", "Runs small"] },
  },
  electronics: {
    good: { zh: ["音质很棒，续航也好", "连接稳定，反应快"], en: ["Great sound and battery life", "Stable connection, very responsive"] },
    bad: { zh: ["续航太短", "经常断连"], en: ["Battery drains too fast", "Keeps disconnecting"] },
  },
  home: {
    good: { zh: ["放在家里很好看", "质感不错，很实用"], en: ["Looks lovely at home", "Feels solid and practical"] },
    bad: { zh: ["有异味", "颜色和图片差别大"], en: ["Has a strange smell", "Colour is nothing like the photos"] },
  },
  food: {
    good: { zh: ["很新鲜，味道好", "家里人都爱吃"], en: ["Fresh and tasty", "The whole family loves it"] },
    bad: { zh: ["收到时已经不新鲜了", "太甜了"], en: ["Arrived not fresh", "Way too sweet"] },
  },
  baby: {
    good: { zh: ["宝宝用着很舒服", "材质安全放心"], en: ["Very comfortable for my baby", "Safe materials, peace of mind"] },
    bad: { zh: ["宝宝用了红屁股", "有点漏"], en: ["Gave my baby a rash", "Leaks a little"] },
  },
  sports: {
    good: { zh: ["很轻便，运动时很舒服", "防滑效果好"], en: ["Light and comfortable for workouts", "Great grip"] },
    bad: { zh: ["用了几次就开胶了", "比想象中重"], en: ["Came apart after a few uses", "Heavier than expected"] },
  },
  pets: {
    good: { zh: ["猫咪很爱吃", "狗狗很喜欢"], en: ["My cat loves it", "My dog is obsessed"] },
    bad: { zh: ["猫咪不爱吃", "颗粒太大了"], en: ["My cat won't touch it", "Kibble is too big"] },
  },
  books: {
    good: { zh: ["印刷清晰，内容精彩", "孩子很喜欢看"], en: ["Crisp print, gripping read", "My kids love it"] },
    bad: { zh: ["有错别字，纸张一般", "内容有点空洞"], en: ["Typos and thin paper", "Rather shallow content"] },
  },
};

/** Text for a review with the given stars, or null (about a quarter of reviews are stars only). */
export function reviewText(
  rng: Rng,
  stars: 1 | 2 | 3 | 4 | 5,
  category: CategoryKey,
  language: "zh" | "en",
): string | null {
  if (rng.chance(0.25)) return null;
  const base = rng.pick(BY_STARS[stars][language]);
  if (stars === 3 || !rng.chance(0.45)) return base;
  const remark = rng.pick(CATEGORY_REMARKS[category][stars >= 4 ? "good" : "bad"][language]);
  if (language === "zh") return `${base}，${remark}`;
  return `${base}${/[.!?]$/.test(base) ? "" : "."} ${remark}.`;
}
