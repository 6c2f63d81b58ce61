import { segmentColor } from "@/components/charts/palette";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";

/** Segment × feature table of z-scores, coloured blue (above the store) to orange (below). */
export function ProfileHeatmap({
  features,
  segments,
  caption,
  featureHeader,
  format,
}: {
  features: { key: string; label: string }[];
  segments: { segment: number; label: string; z: Record<string, number>; mean: Record<string, string> }[];
  caption: string;
  featureHeader: string;
  format: (z: number) => string;
}) {
  const cellColour = (z: number) => {
    const a = Math.min(1, Math.abs(z) / 2) * 0.75;
    return z >= 0 ? `rgba(0, 114, 178, ${a})` : `rgba(213, 94, 0, ${a})`;
  };
  return (
    <div className="overflow-x-auto">
      <Table>
        <caption className="sr-only">{caption}</caption>
        <THead>
          <tr>
            <Th>{featureHeader}</Th>
            {segments.map((s) => (
              <Th key={s.segment} numeric className="whitespace-nowrap">
                <span
                  className="mr-1 inline-block h-2.5 w-2.5 rounded-full"
                  style={{ background: segmentColor(s.segment) }}
                  aria-hidden="true"
                />
                {s.label}
              </Th>
            ))}
          </tr>
        </THead>
        <TBody>
          {features.map((f) => (
            <Tr key={f.key}>
              <Td className="whitespace-nowrap">{f.label}</Td>
              {segments.map((s) => {
                const z = s.z[f.key] ?? 0;
                return (
                  <Td
                    key={s.segment}
                    numeric
                    title={`z = ${format(z)}`}
                    style={{ background: cellColour(z), color: Math.abs(z) > 1.4 ? "#fff" : undefined }}
                  >
                    {s.mean[f.key] ?? "—"}
                  </Td>
                );
              })}
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
