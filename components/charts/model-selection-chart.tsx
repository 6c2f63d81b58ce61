"use client";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export type SelectionPoint = { k: number; silhouette: number; inertia: number };

/** Silhouette (left axis) and inertia, the elbow (right axis), over k; the chosen k marked. */
export function ModelSelectionChart({
  data,
  chosen,
  labels,
  locale,
}: {
  data: SelectionPoint[];
  chosen: number;
  labels: { silhouette: string; inertia: string; k: string; chosen: string };
  locale: string;
}) {
  const compact = new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 });
  return (
    <div className="h-72 w-full" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 16, left: 8 }}>
          <CartesianGrid stroke="#e1e3e5" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="k"
            tick={{ fontSize: 12, fill: "#5c5f62" }}
            label={{ value: labels.k, position: "insideBottom", offset: -8, fontSize: 12, fill: "#5c5f62" }}
          />
          <YAxis
            yAxisId="s"
            tick={{ fontSize: 12, fill: "#5c5f62" }}
            width={48}
            tickFormatter={(v: number) => v.toFixed(2)}
            label={{ value: labels.silhouette, angle: -90, position: "insideLeft", fontSize: 12, fill: "#5c5f62" }}
          />
          <YAxis
            yAxisId="i"
            orientation="right"
            tick={{ fontSize: 12, fill: "#5c5f62" }}
            width={56}
            tickFormatter={(v: number) => compact.format(v)}
            label={{ value: labels.inertia, angle: 90, position: "insideRight", fontSize: 12, fill: "#5c5f62" }}
          />
          <Tooltip
            formatter={(v, name) => [
              typeof v === "number" ? (name === labels.inertia ? compact.format(v) : v.toFixed(3)) : String(v),
              name,
            ]}
          />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, paddingBottom: 4 }} />
          <ReferenceLine
            yAxisId="s"
            x={chosen}
            stroke="#2c6ecb"
            strokeDasharray="4 4"
            label={{ value: labels.chosen, position: "insideTopRight", fontSize: 11, fill: "#2c6ecb" }}
          />
          <Line
            yAxisId="s"
            type="linear"
            dataKey="silhouette"
            name={labels.silhouette}
            stroke="#2c6ecb"
            strokeWidth={2}
            isAnimationActive={false}
          />
          <Line
            yAxisId="i"
            type="linear"
            dataKey="inertia"
            name={labels.inertia}
            stroke="#8c9196"
            strokeDasharray="4 4"
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
