"use client";
import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { segmentColor } from "./palette";

export type SizeRow = { segment: number; label: string; customers: number; revenue: number };

/** Share of customers (light) and of revenue (solid) per segment. */
export function SegmentSizeChart({
  data,
  labels,
  locale,
}: {
  data: SizeRow[];
  labels: { customers: string; revenue: string };
  locale: string;
}) {
  const pct = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  return (
    <div className="h-72 w-full" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid stroke="#e1e3e5" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="label"
            tick={{ fontSize: 11, fill: "#5c5f62" }}
            interval={0}
            angle={-25}
            textAnchor="end"
            height={64}
          />
          <YAxis tick={{ fontSize: 12, fill: "#5c5f62" }} tickFormatter={(v: number) => pct.format(v)} width={48} />
          <Tooltip formatter={(v, name) => [typeof v === "number" ? pct.format(v) : String(v), name]} />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, paddingBottom: 4 }} />
          <Bar dataKey="customers" name={labels.customers} fill="#c9cccf" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.segment} fill={segmentColor(d.segment)} fillOpacity={0.35} />
            ))}
          </Bar>
          <Bar dataKey="revenue" name={labels.revenue} fill="#5c5f62" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.segment} fill={segmentColor(d.segment)} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
