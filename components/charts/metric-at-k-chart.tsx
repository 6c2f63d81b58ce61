"use client";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const COLORS = ["#8c9196", "#0072B2", "#E69F00", "#009E73", "#CC79A7"];

/** One ranking metric at K = 5, 10, 20, a line per model (the baseline grey and dashed). */
export function MetricAtKChart({
  series,
  labels,
}: {
  series: {
    key: string;
    label: string;
    values: { k: number; value: number }[];
    baseline?: boolean;
    chosen?: boolean;
  }[];
  labels: { k: string; metric: string };
}) {
  const ks = [...new Set(series.flatMap((s) => s.values.map((v) => v.k)))].sort((a, b) => a - b);
  const data = ks.map((k) => ({
    k: `@${k}`,
    ...Object.fromEntries(series.map((s) => [s.key, s.values.find((v) => v.k === k)?.value ?? null])),
  }));
  return (
    <div className="h-64 w-full" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 16, left: 4 }}>
          <CartesianGrid stroke="#e1e3e5" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="k"
            tick={{ fontSize: 12, fill: "#5c5f62" }}
            label={{ value: labels.k, position: "insideBottom", offset: -8, fontSize: 12, fill: "#5c5f62" }}
          />
          <YAxis
            tick={{ fontSize: 12, fill: "#5c5f62" }}
            width={44}
            tickFormatter={(v: number) => v.toFixed(2)}
            label={{ value: labels.metric, angle: -90, position: "insideLeft", fontSize: 12, fill: "#5c5f62" }}
          />
          <Tooltip formatter={(v, name) => [typeof v === "number" ? v.toFixed(3) : String(v), name]} />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, paddingBottom: 4 }} />
          {series.map((s, i) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stroke={COLORS[i % COLORS.length]}
              strokeWidth={s.chosen ? 3 : 1.5}
              strokeDasharray={s.baseline ? "5 4" : undefined}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
