"use client";
import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { segmentColor } from "./palette";

export type MapSeries = { segment: number; label: string; points: { x: number; y: number }[] };

/** Customers in PCA space, one colour per segment. */
export function SegmentMap({ series, axis }: { series: MapSeries[]; axis: { x: string; y: string } }) {
  return (
    <div className="h-96 w-full" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid stroke="#e1e3e5" strokeDasharray="3 3" />
          <XAxis
            type="number"
            dataKey="x"
            name={axis.x}
            tick={{ fontSize: 11, fill: "#5c5f62" }}
            tickFormatter={(v: number) => v.toFixed(1)}
            label={{ value: axis.x, position: "insideBottom", offset: -12, fontSize: 12, fill: "#5c5f62" }}
          />
          <YAxis
            type="number"
            dataKey="y"
            name={axis.y}
            tick={{ fontSize: 11, fill: "#5c5f62" }}
            tickFormatter={(v: number) => v.toFixed(1)}
            label={{ value: axis.y, angle: -90, position: "insideLeft", fontSize: 12, fill: "#5c5f62" }}
          />
          <Tooltip
            cursor={{ strokeDasharray: "3 3" }}
            formatter={(v) => (typeof v === "number" ? v.toFixed(2) : String(v))}
          />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, paddingBottom: 8 }} />
          {series.map((s) => (
            <Scatter
              key={s.segment}
              name={s.label}
              data={s.points}
              fill={segmentColor(s.segment)}
              fillOpacity={0.65}
              isAnimationActive={false}
              shape="circle"
            />
          ))}
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
