"use client";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type RocSeries = {
  key: string;
  label: string;
  fpr: number[];
  tpr: number[];
  emphasis?: boolean;
  dashed?: boolean;
};

const COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#8c9196"];

/** ROC curves of the cross-validated (out-of-fold) predictions, one line per model, chance as the diagonal. */
export function RocChart({
  series,
  labels,
}: {
  series: RocSeries[];
  labels: { fpr: string; tpr: string; chance: string };
}) {
  return (
    <div className="h-72 w-full" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart margin={{ top: 8, right: 12, bottom: 16, left: 4 }}>
          <CartesianGrid stroke="#e1e3e5" strokeDasharray="3 3" />
          <XAxis
            type="number"
            dataKey="x"
            domain={[0, 1]}
            ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
            tick={{ fontSize: 12, fill: "#5c5f62" }}
            label={{ value: labels.fpr, position: "insideBottom", offset: -8, fontSize: 12, fill: "#5c5f62" }}
          />
          <YAxis
            type="number"
            domain={[0, 1]}
            ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
            tick={{ fontSize: 12, fill: "#5c5f62" }}
            width={40}
            label={{ value: labels.tpr, angle: -90, position: "insideLeft", fontSize: 12, fill: "#5c5f62" }}
          />
          <Tooltip
            formatter={(v) => (typeof v === "number" ? v.toFixed(3) : String(v))}
            labelFormatter={(v) => `${labels.fpr} ${Number(v).toFixed(3)}`}
          />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, paddingBottom: 4 }} />
          <Line
            data={[
              { x: 0, y: 0 },
              { x: 1, y: 1 },
            ]}
            dataKey="y"
            name={labels.chance}
            stroke="#b0b3b8"
            strokeDasharray="2 4"
            dot={false}
            isAnimationActive={false}
            legendType="none"
          />
          {series.map((s, i) => (
            <Line
              key={s.key}
              data={s.fpr.map((x, j) => ({ x, y: s.tpr[j] }))}
              dataKey="y"
              name={s.label}
              stroke={s.dashed ? "#5c5f62" : (COLORS[i % COLORS.length] as string)}
              strokeWidth={s.emphasis ? 3 : 1.5}
              strokeDasharray={s.dashed ? "5 4" : undefined}
              dot={false}
              type="stepAfter"
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
