type Translate = (key: string, values?: Record<string, string>) => string;

/** A model input as people read it: plain features, "missing: …" indicators, category shares. */
export function featureLabel(name: string, tFeature: Translate, tPred: Translate): string {
  if (name.startsWith("missing:"))
    return tPred("missingFeature", { feature: featureLabel(name.slice(8), tFeature, tPred) });
  if (name.startsWith("share:")) return tPred("categoryShare", { category: name.slice(6) });
  return tFeature(name);
}
