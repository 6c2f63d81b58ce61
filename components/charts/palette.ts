// One colour per segment, the same on every page: Okabe–Ito (colour-blind safe), then two extras.
export const SEGMENT_COLORS = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#56B4E9",
  "#D55E00",
  "#B8A500",
  "#000000",
  "#7F3C8D",
  "#11A579",
  "#F2B701",
  "#3969AC",
  "#E73F74",
  "#80BA5A",
  "#A5AA99",
] as const;
export const NOISE_COLOR = "#B0B3B8";

export function segmentColor(segment: number): string {
  return segment < 0 ? NOISE_COLOR : (SEGMENT_COLORS[segment % SEGMENT_COLORS.length] as string);
}
