"use client";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type TrendPoint = { label: string; revenue: number; orders: number; previousRevenue: number | null };

/**
 * Revenue (line, left axis, in the store's currency) and orders (bars, right axis) per bucket, with
 * the previous period's revenue dashed for comparison. Formatting comes from the server's locale.
 */
export function RevenueTrendChart({
  data,
  locale,
  currency,
  labels,
}: {
  data: TrendPoint[];
  locale: string;
  currency: string;
  labels: { revenue: string; orders: string; previousRevenue: string; revenueAxis: string; ordersAxis: string };
}) {
  const money = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    notation: "compact",
    maximumFractionDigits: 1,
  });
  const moneyFull = new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 });
  const count = new Intl.NumberFormat(locale);
  return (
    <div className="h-80 w-full" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="#e1e3e5" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="label"
            tick={{ fontSize: 12, fill: "#5c5f62" }}
            tickLine={false}
            axisLine={{ stroke: "#e1e3e5" }}
            minTickGap={24}
          />
          <YAxis
            yAxisId="revenue"
            tick={{ fontSize: 12, fill: "#5c5f62" }}
            tickLine={false}
            axisLine={false}
            width={80}
            tickFormatter={(v: number) => money.format(v)}
            label={{
              value: labels.revenueAxis,
              angle: -90,
              position: "insideLeft",
              style: { fontSize: 12, fill: "#5c5f62", textAnchor: "middle" },
            }}
          />
          <YAxis
            yAxisId="orders"
            orientation="right"
            tick={{ fontSize: 12, fill: "#5c5f62" }}
            tickLine={false}
            axisLine={false}
            width={56}
            allowDecimals={false}
            label={{
              value: labels.ordersAxis,
              angle: 90,
              position: "insideRight",
              style: { fontSize: 12, fill: "#5c5f62", textAnchor: "middle" },
            }}
            tickFormatter={(v: number) => count.format(v)}
          />
          <Tooltip
            formatter={(value, name) => {
              const v = typeof value === "number" ? value : Number(value);
              return [name === labels.orders ? count.format(v) : moneyFull.format(v), name];
            }}
            contentStyle={{ borderRadius: 8, borderColor: "#e1e3e5", fontSize: 13 }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar
            yAxisId="orders"
            dataKey="orders"
            name={labels.orders}
            fill="#b4c9ee"
            radius={[3, 3, 0, 0]}
            maxBarSize={28}
          />
          <Line
            yAxisId="revenue"
            type="linear"
            dataKey="previousRevenue"
            name={labels.previousRevenue}
            stroke="#8c9196"
            strokeDasharray="4 4"
            dot={false}
            strokeWidth={1.5}
          />
          <Line
            yAxisId="revenue"
            type="linear"
            dataKey="revenue"
            name={labels.revenue}
            stroke="#2c6ecb"
            dot={false}
            strokeWidth={2.5}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
