"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type BarDatum = { label: string; value: number; note?: string };

/**
 * One series of bars: horizontal (layout "vertical", for long labels such as feature names) or
 * vertical (a histogram). Values are formatted by the caller's `format`.
 */
export function SimpleBarChart({
  data,
  orientation,
  valueLabel,
  categoryLabel,
  color = "#0072B2",
  height,
  format,
}: {
  data: BarDatum[];
  orientation: "horizontal" | "vertical";
  valueLabel: string;
  categoryLabel?: string;
  color?: string;
  height?: number;
  format?: "number" | "percent" | "fixed3";
}) {
  const fmt = (v: number) =>
    format === "percent" ? `${(v * 100).toFixed(1)}%` : format === "fixed3" ? v.toFixed(3) : v.toLocaleString();
  const horizontal = orientation === "horizontal";
  const h = height ?? (horizontal ? Math.max(160, 28 * data.length + 40) : 256);
  return (
    <div className="w-full" style={{ height: h }} aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          layout={horizontal ? "vertical" : "horizontal"}
          margin={{ top: 8, right: 16, bottom: horizontal ? 8 : 24, left: 4 }}
        >
          <CartesianGrid stroke="#e1e3e5" strokeDasharray="3 3" horizontal={!horizontal} vertical={horizontal} />
          {horizontal ? (
            <>
              <XAxis type="number" tick={{ fontSize: 12, fill: "#5c5f62" }} tickFormatter={fmt} />
              <YAxis
                type="category"
                dataKey="label"
                width={150}
                tick={{ fontSize: 12, fill: "#5c5f62" }}
                interval={0}
              />
            </>
          ) : (
            <>
              <XAxis
                dataKey="label"
                tick={{ fontSize: 11, fill: "#5c5f62" }}
                interval="preserveStartEnd"
                label={
                  categoryLabel
                    ? { value: categoryLabel, position: "insideBottom", offset: -14, fontSize: 12, fill: "#5c5f62" }
                    : undefined
                }
              />
              <YAxis tick={{ fontSize: 12, fill: "#5c5f62" }} width={48} tickFormatter={fmt} />
            </>
          )}
          <Tooltip
            formatter={(v, _name, item) => {
              const note = (item.payload as BarDatum).note;
              return [`${typeof v === "number" ? fmt(v) : String(v)}${note ? ` · ${note}` : ""}`, valueLabel];
            }}
          />
          <Bar dataKey="value" name={valueLabel} fill={color} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
