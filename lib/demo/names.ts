// People and places of the demo store: Chinese names (weighted surnames, with pinyin so e-mail
// addresses match the name), English names through a seeded, locale-specific Faker, phone numbers in
// each country's format and cities weighted roughly by online-shopping population.
import { Faker, base, en, en_GB, en_US } from "@faker-js/faker";
import { hashSeed, type Rng } from "./random";

type Weighted<T> = readonly (readonly [T, number])[];

// The most common Chinese surnames with approximate frequencies (per cent of population).
// prettier-ignore
const ZH_SURNAMES: Weighted<readonly [string, string]> = [
  [["王", "wang"], 7.1], [["李", "li"], 7.0], [["张", "zhang"], 6.7], [["刘", "liu"], 5.4], [["陈", "chen"], 4.5],
  [["杨", "yang"], 3.1], [["黄", "huang"], 2.3], [["赵", "zhao"], 2.2], [["吴", "wu"], 2.0], [["周", "zhou"], 1.9],
  [["徐", "xu"], 1.3], [["孙", "sun"], 1.2], [["马", "ma"], 1.2], [["朱", "zhu"], 1.1], [["胡", "hu"], 1.0],
  [["郭", "guo"], 0.9], [["何", "he"], 0.9], [["林", "lin"], 0.9], [["高", "gao"], 0.9], [["罗", "luo"], 0.8],
  [["郑", "zheng"], 0.8], [["梁", "liang"], 0.7], [["谢", "xie"], 0.6], [["宋", "song"], 0.6], [["唐", "tang"], 0.6],
  [["许", "xu"], 0.5], [["韩", "han"], 0.5], [["冯", "feng"], 0.5], [["邓", "deng"], 0.5], [["曹", "cao"], 0.5],
  [["彭", "peng"], 0.5], [["曾", "zeng"], 0.4], [["肖", "xiao"], 0.4], [["田", "tian"], 0.4], [["董", "dong"], 0.4],
  [["潘", "pan"], 0.3], [["袁", "yuan"], 0.3], [["蔡", "cai"], 0.3], [["蒋", "jiang"], 0.3], [["余", "yu"], 0.3],
  [["欧阳", "ouyang"], 0.05], [["司马", "sima"], 0.01],
];

// Given-name characters common in names born 1950–2005, by the gender they lean to.
// prettier-ignore
const ZH_GIVEN: Record<"female" | "male" | "neutral", readonly (readonly [string, string])[]> = {
  female: [
    ["芳", "fang"], ["娜", "na"], ["敏", "min"], ["静", "jing"], ["丽", "li"], ["婷", "ting"], ["雪", "xue"], ["琳", "lin"],
    ["晶", "jing"], ["颖", "ying"], ["欣", "xin"], ["怡", "yi"], ["悦", "yue"], ["梦", "meng"], ["佳", "jia"], ["雅", "ya"],
    ["诗", "shi"], ["涵", "han"], ["萱", "xuan"], ["璐", "lu"], ["倩", "qian"], ["慧", "hui"], ["燕", "yan"], ["霞", "xia"],
  ],
  male: [
    ["伟", "wei"], ["强", "qiang"], ["磊", "lei"], ["军", "jun"], ["洋", "yang"], ["勇", "yong"], ["杰", "jie"], ["涛", "tao"],
    ["斌", "bin"], ["超", "chao"], ["明", "ming"], ["刚", "gang"], ["鹏", "peng"], ["辉", "hui"], ["浩", "hao"], ["宇", "yu"],
    ["轩", "xuan"], ["博", "bo"], ["睿", "rui"], ["凯", "kai"], ["峰", "feng"], ["建", "jian"], ["志", "zhi"], ["俊", "jun"],
  ],
  neutral: [
    ["文", "wen"], ["子", "zi"], ["晨", "chen"], ["思", "si"], ["嘉", "jia"], ["一", "yi"], ["安", "an"], ["然", "ran"],
    ["乐", "le"], ["宁", "ning"], ["清", "qing"], ["天", "tian"], ["新", "xin"], ["云", "yun"], ["艺", "yi"], ["泽", "ze"],
  ],
};

// City, province, weight (large e-commerce markets first).
// prettier-ignore
const ZH_CITIES: Weighted<readonly [string, string]> = [
  [["上海", "上海市"], 9], [["北京", "北京市"], 8.5], [["深圳", "广东省"], 7], [["广州", "广东省"], 7], [["杭州", "浙江省"], 5.5],
  [["成都", "四川省"], 5], [["重庆", "重庆市"], 4.5], [["武汉", "湖北省"], 4], [["南京", "江苏省"], 4], [["苏州", "江苏省"], 4],
  [["西安", "陕西省"], 3.2], [["天津", "天津市"], 3], [["长沙", "湖南省"], 3], [["郑州", "河南省"], 3], [["东莞", "广东省"], 2.8],
  [["青岛", "山东省"], 2.5], [["宁波", "浙江省"], 2.5], [["合肥", "安徽省"], 2.2], [["福州", "福建省"], 2], [["厦门", "福建省"], 2],
  [["济南", "山东省"], 2], [["沈阳", "辽宁省"], 2], [["大连", "辽宁省"], 1.6], [["昆明", "云南省"], 1.6], [["佛山", "广东省"], 2.2],
  [["无锡", "江苏省"], 1.8], [["哈尔滨", "黑龙江省"], 1.5], [["南宁", "广西壮族自治区"], 1.4], [["贵阳", "贵州省"], 1.2],
  [["石家庄", "河北省"], 1.4], [["南昌", "江西省"], 1.2], [["太原", "山西省"], 1.1], [["长春", "吉林省"], 1.1],
  [["温州", "浙江省"], 1.5], [["泉州", "福建省"], 1.2], [["兰州", "甘肃省"], 0.7], [["乌鲁木齐", "新疆维吾尔自治区"], 0.6],
  [["海口", "海南省"], 0.6], [["呼和浩特", "内蒙古自治区"], 0.5], [["拉萨", "西藏自治区"], 0.15],
];

// City, state, area code, weight.
// prettier-ignore
const US_CITIES: Weighted<readonly [string, string, string]> = [
  [["New York", "New York", "212"], 8], [["Brooklyn", "New York", "718"], 4], [["Los Angeles", "California", "213"], 7],
  [["San Francisco", "California", "415"], 3.5], [["San Diego", "California", "619"], 3], [["San Jose", "California", "408"], 2.5],
  [["Chicago", "Illinois", "312"], 5], [["Houston", "Texas", "713"], 4.5], [["Dallas", "Texas", "214"], 3.5],
  [["Austin", "Texas", "512"], 3], [["San Antonio", "Texas", "210"], 2.5], [["Phoenix", "Arizona", "602"], 3.5],
  [["Philadelphia", "Pennsylvania", "215"], 3.5], [["Seattle", "Washington", "206"], 3.5], [["Denver", "Colorado", "303"], 3],
  [["Boston", "Massachusetts", "617"], 3], [["Atlanta", "Georgia", "404"], 3.5], [["Miami", "Florida", "305"], 3],
  [["Orlando", "Florida", "407"], 2], [["Tampa", "Florida", "813"], 2], [["Portland", "Oregon", "503"], 2],
  [["Minneapolis", "Minnesota", "612"], 2], [["Detroit", "Michigan", "313"], 2], [["Charlotte", "North Carolina", "704"], 2],
  [["Nashville", "Tennessee", "615"], 1.8], [["Columbus", "Ohio", "614"], 1.8], [["Las Vegas", "Nevada", "702"], 1.8],
  [["Salt Lake City", "Utah", "801"], 1.2], [["Kansas City", "Missouri", "816"], 1.2], [["Raleigh", "North Carolina", "919"], 1.2],
];

// City, nation of the UK, weight.
// prettier-ignore
const GB_CITIES: Weighted<readonly [string, string]> = [
  [["London", "England"], 12], [["Manchester", "England"], 3.5], [["Birmingham", "England"], 3.5], [["Leeds", "England"], 2.5],
  [["Glasgow", "Scotland"], 2.2], [["Edinburgh", "Scotland"], 2], [["Bristol", "England"], 2], [["Liverpool", "England"], 2],
  [["Sheffield", "England"], 1.6], [["Newcastle upon Tyne", "England"], 1.4], [["Nottingham", "England"], 1.4],
  [["Cardiff", "Wales"], 1.3], [["Belfast", "Northern Ireland"], 1.1], [["Brighton", "England"], 1.1], [["Oxford", "England"], 0.8],
  [["Cambridge", "England"], 0.8],
];

// Mobile prefixes of the three Chinese carriers (1[3-9]x).
// prettier-ignore
const ZH_MOBILE_PREFIXES = [
  "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156", "157", "158",
  "159", "166", "176", "177", "178", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199",
] as const;

// prettier-ignore
const ZH_EMAIL_DOMAINS: Weighted<string> = [
  ["qq.com", 34], ["163.com", 24], ["126.com", 10], ["sina.com", 5], ["foxmail.com", 5], ["gmail.com", 5], ["outlook.com", 5],
  ["icloud.com", 6], ["hotmail.com", 3], ["yeah.net", 3],
];
// prettier-ignore
const US_EMAIL_DOMAINS: Weighted<string> = [
  ["gmail.com", 45], ["yahoo.com", 14], ["outlook.com", 10], ["hotmail.com", 9], ["icloud.com", 12], ["aol.com", 3], ["proton.me", 2],
  ["comcast.net", 3], ["me.com", 2],
];
// prettier-ignore
const GB_EMAIL_DOMAINS: Weighted<string> = [
  ["gmail.com", 42], ["hotmail.co.uk", 14], ["outlook.com", 10], ["yahoo.co.uk", 10], ["icloud.com", 12], ["btinternet.com", 6],
  ["sky.com", 4], ["live.co.uk", 2],
];

function pickWeightedEntry<T>(rng: Rng, table: Weighted<T>): T {
  let total = 0;
  for (const [, w] of table) total += w;
  let target = rng.next() * total;
  for (const [value, w] of table) {
    target -= w;
    if (target < 0) return value;
  }
  return (table[table.length - 1] as readonly [T, number])[0];
}

function digits(rng: Rng, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

export type PersonGender = "female" | "male" | "other";

export type Person = {
  name: string;
  /** Name parts for the e-mail address, already in ASCII. */
  first: string;
  last: string;
  phone: string;
  city: string;
  region: string;
  country: "CN" | "US" | "GB";
  emailDomains: Weighted<string>;
};

/** Draws people for one store; English names come from Faker instances seeded once per store. */
export class PeopleFactory {
  private readonly usFaker: Faker;
  private readonly gbFaker: Faker;

  constructor(
    seed: number,
    private readonly language: "zh" | "en",
  ) {
    // One Faker per locale, seeded once and consumed in customer order: the sequence does not
    // depend on how the customers are chunked.
    this.usFaker = new Faker({ locale: [en_US, en, base] });
    this.usFaker.seed(hashSeed(seed, 0x05a));
    this.gbFaker = new Faker({ locale: [en_GB, en, base] });
    this.gbFaker.seed(hashSeed(seed, 0x06b));
  }

  person(rng: Rng, gender: PersonGender | null): Person {
    return this.language === "zh" ? this.chinese(rng, gender) : this.english(rng, gender);
  }

  private chinese(rng: Rng, gender: PersonGender | null): Person {
    const [surname, surnamePinyin] = pickWeightedEntry(rng, ZH_SURNAMES);
    const pool = gender === "female" || gender === "male" ? ZH_GIVEN[gender] : ZH_GIVEN.neutral;
    const chars = rng.chance(0.7)
      ? [rng.pick(pool), rng.chance(0.5) ? rng.pick(pool) : rng.pick(ZH_GIVEN.neutral)]
      : [rng.pick(pool)];
    const [city, region] = pickWeightedEntry(rng, ZH_CITIES);
    return {
      name: surname + chars.map((c) => c[0]).join(""),
      first: chars.map((c) => c[1]).join(""),
      last: surnamePinyin,
      phone: `${rng.pick(ZH_MOBILE_PREFIXES)}-${digits(rng, 4)}-${digits(rng, 4)}`,
      city,
      region,
      country: "CN",
      emailDomains: ZH_EMAIL_DOMAINS,
    };
  }

  private english(rng: Rng, gender: PersonGender | null): Person {
    const uk = rng.chance(0.22);
    const faker = uk ? this.gbFaker : this.usFaker;
    const sex = gender === "female" || gender === "male" ? gender : undefined;
    const firstName = faker.person.firstName(sex);
    const lastName = faker.person.lastName();
    const ascii = (s: string) =>
      s
        .normalize("NFKD")
        .replace(/[^A-Za-z]/g, "")
        .toLowerCase();
    if (uk) {
      const [city, region] = pickWeightedEntry(rng, GB_CITIES);
      return {
        name: `${firstName} ${lastName}`,
        first: ascii(firstName),
        last: ascii(lastName),
        phone: `07${digits(rng, 3)} ${digits(rng, 6)}`,
        city,
        region,
        country: "GB",
        emailDomains: GB_EMAIL_DOMAINS,
      };
    }
    const [city, region, areaCode] = pickWeightedEntry(rng, US_CITIES);
    return {
      name: `${firstName} ${lastName}`,
      first: ascii(firstName),
      last: ascii(lastName),
      phone: `(${areaCode}) ${rng.int(2, 9)}${digits(rng, 2)}-${digits(rng, 4)}`,
      city,
      region,
      country: "US",
      emailDomains: US_EMAIL_DOMAINS,
    };
  }
}

/**
 * An e-mail address in one of the shapes people really use (wangfang88@, fang.wang@, numeric QQ
 * mailboxes), made unique within the store by `taken`.
 */
export function emailFor(rng: Rng, person: Person, birthYear: number | null, taken: Set<string>): string {
  const domain = pickWeightedEntry(rng, person.emailDomains);
  const year = birthYear ?? rng.int(1970, 2004);
  let local: string;
  if (domain === "qq.com" && rng.chance(0.6)) local = String(rng.int(10_000_000, 3_999_999_999));
  else {
    const shape = rng.int(0, 4);
    local =
      shape === 0
        ? `${person.last}${person.first}${rng.int(1, 99)}`
        : shape === 1
          ? `${person.first}.${person.last}`
          : shape === 2
            ? `${person.first}${person.last}${String(year).slice(2)}`
            : shape === 3
              ? `${person.first.slice(0, 1)}${person.last}${rng.int(1, 999)}`
              : `${person.last}_${person.first}${year}`;
  }
  let email = `${local}@${domain}`;
  // Collisions get a numeric suffix, as mail providers would force on a real sign-up.
  for (let n = 2; taken.has(email); n++) email = `${local}${n}@${domain}`;
  taken.add(email);
  return email;
}
