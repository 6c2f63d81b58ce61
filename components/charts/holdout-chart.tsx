"use client";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type HoldoutPoint = { group: string; actual: number; predicted: number; customers: number };

/**
 * BG/NBD calibration/holdout check (Fader, Hardie & Lee 2005, figure 4): mean purchases in the holdout
 * period, actual against predicted, by number of repeat purchases in the calibration period.
 */
export function HoldoutChart({
  data,
  labels,
}: {
  data: HoldoutPoint[];
  labels: { actual: string; predicted: string; x: string; y: string; customers: string };
}) {
  return (
    <div className="h-64 w-full" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 16, left: 4 }}>
          <CartesianGrid stroke="#e1e3e5" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="group"
            tick={{ fontSize: 12, fill: "#5c5f62" }}
            label={{ value: labels.x, position: "insideBottom", offset: -8, fontSize: 12, fill: "#5c5f62" }}
          />
          <YAxis
            tick={{ fontSize: 12, fill: "#5c5f62" }}
            width={44}
            tickFormatter={(v: number) => v.toFixed(1)}
            label={{ value: labels.y, angle: -90, position: "insideLeft", fontSize: 12, fill: "#5c5f62" }}
          />
          <Tooltip
            formatter={(v, name) => [typeof v === "number" ? v.toFixed(2) : String(v), name]}
            labelFormatter={(g, payload) => {
              const n = (payload[0]?.payload as HoldoutPoint | undefined)?.customers;
              return `${labels.x}: ${String(g)}${n !== undefined ? ` · ${labels.customers} ${n}` : ""}`;
            }}
          />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, paddingBottom: 4 }} />
          <Line dataKey="actual" name={labels.actual} stroke="#0072B2" strokeWidth={2} isAnimationActive={false} />
          <Line
            dataKey="predicted"
            name={labels.predicted}
            stroke="#E69F00"
            strokeWidth={2}
            strokeDasharray="5 4"
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
