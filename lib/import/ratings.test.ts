import { describe, expect, it } from "vitest";
import { describeRatingErrors, parseInteractions, parseRatings, usersWithOneRow } from "./ratings";

describe("parseRatings", () => {
  it("reads MovieLens' u.data layout: tab-separated, no header, Unix timestamps", () => {
    const text = "196\t242\t3\t881250949\r\n186\t302\t3\t891717742\r\n22\t377\t1\t878887116\r\n";
    const r = parseRatings(text, { separator: "\t", columns: ["user", "item", "rating", "timestamp"] });
    expect(r.errors).toEqual([]);
    expect(r.users).toEqual(["196", "186", "22"]);
    expect(r.items).toEqual(["242", "302", "377"]);
    expect(Array.from(r.ratings!)).toEqual([3, 3, 1]);
    expect(Array.from(r.timestamps!)).toEqual([881250949, 891717742, 878887116]);
  });

  it("reads a CSV with a header in any order, named columns and ISO timestamps", () => {
    const text = "stars,who,what,when\n4.5,u1,i1,2024-01-02\n2,u2,i1,2024-01-03T10:00:00Z\n";
    const r = parseRatings(text, {
      userCol: "who",
      itemCol: "what",
      ratingCol: "stars",
      timestampCol: "when",
      scale: [0.5, 5],
    });
    expect(r.errors).toEqual([]);
    expect(Array.from(r.ratings!)).toEqual([4.5, 2]);
    expect(r.timestamps![0]).toBe(Date.UTC(2024, 0, 2) / 1000);
  });

  it("reports each bad row by line and kind, keeping the rest", () => {
    const text = [
      "user,item,rating",
      "a,x,5", // 2 ok
      "a,y,6", // 3 out of scale
      "b,x,abc", // 4 not a number
      "a,x,4", // 5 duplicate of line 2
      ",x,3", // 6 no user
      "c,,3", // 7 no item
      "d,x", // 8 short
      "e,z,0", // 9 out of scale
    ].join("\n");
    const r = parseRatings(text);
    expect(r.users).toEqual(["a"]);
    expect(r.errors.map((e) => [e.line, e.problem])).toEqual([
      [3, "rating_out_of_scale"],
      [4, "rating_invalid"],
      [5, "duplicate_pair"],
      [6, "user_missing"],
      [7, "item_missing"],
      [8, "columns"],
      [9, "rating_out_of_scale"],
    ]);
    expect(r.errors[2]?.message).toBe("line 5: user a rated item x again (first on line 2)");
    expect(r.errors[0]?.message).toBe("line 3: rating 6 is outside the scale 1–5");
    expect(describeRatingErrors(r.errors, 1)).toContain(
      "2 row(s):\n    line 3: rating 6 is outside the scale 1–5\n    … and 1 more",
    );
  });

  it("refuses an empty file, a header without rows and a missing column", () => {
    expect(() => parseRatings("")).toThrow("The file is empty.");
    expect(() => parseRatings("user,item,rating\n\n")).toThrow("The file has a header but no rows.");
    expect(() => parseRatings("u,i,r\n1,2,3\n")).toThrow(
      'No column named "user" (columns: u, i, r). Name it with --user-col.',
    );
    expect(() => parseRatings("a b 1\n", { separator: "whitespace", columns: ["user", "item", "_"] })).toThrow(
      'No column named "rating" (columns: user, item). Name it with --rating-col or in --columns.',
    );
  });
});

describe("parseInteractions", () => {
  it("allows repeated pairs (repeat purchases) and counts users with one row", () => {
    const r = parseInteractions("  u1 p1 100\n  u1 p1 200\n  u2 p2 150\n", {
      separator: "whitespace",
      columns: ["user", "item", "timestamp"],
    });
    expect(r.errors).toEqual([]);
    expect(r.ratings).toBeNull();
    expect(r.users).toEqual(["u1", "u1", "u2"]);
    expect(usersWithOneRow(r.users)).toBe(1);
    expect(parseInteractions("user,item\nu,p\n").timestamps).toBeNull();
    expect(parseInteractions("user,item,timestamp\nu,p,yesterday\n").errors[0]?.problem).toBe("timestamp_invalid");
  });
});
