"use client";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type CalibrationPoint = { meanPredicted: number; fractionPositive: number; count: number };

/** Predicted churn probability (binned) against the share that actually churned; the diagonal is perfect. */
export function CalibrationChart({
  points,
  labels,
}: {
  points: CalibrationPoint[];
  labels: { predicted: string; observed: string; perfect: string; customers: string };
}) {
  return (
    <div className="h-64 w-full" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart margin={{ top: 8, right: 12, bottom: 16, left: 4 }}>
          <CartesianGrid stroke="#e1e3e5" strokeDasharray="3 3" />
          <XAxis
            type="number"
            dataKey="x"
            domain={[0, 1]}
            ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
            tick={{ fontSize: 12, fill: "#5c5f62" }}
            label={{ value: labels.predicted, position: "insideBottom", offset: -8, fontSize: 12, fill: "#5c5f62" }}
          />
          <YAxis
            type="number"
            domain={[0, 1]}
            ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
            tick={{ fontSize: 12, fill: "#5c5f62" }}
            width={40}
            label={{ value: labels.observed, angle: -90, position: "insideLeft", fontSize: 12, fill: "#5c5f62" }}
          />
          <Tooltip
            formatter={(v, name, item) => {
              const count = (item.payload as { n?: number }).n;
              return [
                `${typeof v === "number" ? v.toFixed(3) : String(v)}${count !== undefined ? ` (${labels.customers}: ${count})` : ""}`,
                name,
              ];
            }}
            labelFormatter={(v) => `${labels.predicted} ${Number(v).toFixed(2)}`}
          />
          <Line
            data={[
              { x: 0, y: 0 },
              { x: 1, y: 1 },
            ]}
            dataKey="y"
            name={labels.perfect}
            stroke="#b0b3b8"
            strokeDasharray="2 4"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            data={points.map((p) => ({ x: p.meanPredicted, y: p.fractionPositive, n: p.count }))}
            dataKey="y"
            name={labels.observed}
            stroke="#0072B2"
            strokeWidth={2}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
