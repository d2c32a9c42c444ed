// A bar or doughnut chart of chart.js (only the pieces it uses registered), French labels, at a
// reserved height (no layout jump). The canvas is hidden from screen readers: the table beside it
// carries the same figures.
import { ArcElement, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar, Doughnut } from 'react-chartjs-2';

Chart.register(ArcElement, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const COLORS = ['#000091', '#6a6af4', '#009081', '#c3992a', '#ce614a', '#a558a0', '#417dc4', '#66673d'];
const fr = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

export function IndicatorChart(p: {
  kind: 'bar' | 'doughnut';
  labels: string[];
  values: number[];
  /** Values are rates (0..1), shown as percentages. */
  percent?: boolean;
  horizontal?: boolean;
  height?: number;
  label: string;
}) {
  const values = p.percent ? p.values.map((v) => Math.round(v * 1000) / 10) : p.values;
  const text = (v: number) => (p.percent ? `${fr.format(v)} %` : fr.format(v));
  const data = {
    labels: p.labels,
    datasets: [
      {
        label: p.label,
        data: values,
        backgroundColor: p.kind === 'doughnut' ? COLORS : COLORS[0],
        borderWidth: p.kind === 'doughnut' ? 1 : 0,
      },
    ],
  };
  const tooltip = {
    callbacks: {
      label: (c: { parsed: unknown }) => {
        const v = c.parsed as number | { x: number | null; y: number | null };
        return text(typeof v === 'number' ? v : ((p.horizontal ? v.x : v.y) ?? 0));
      },
    },
  };
  return (
    <div
      className="cat-ind-chart"
      style={{ height: p.height ?? 260 }}
      aria-hidden="true"
      data-labels={p.labels.join('|')}
      data-values={p.values.join('|')}
    >
      {p.kind === 'doughnut' ? (
        <Doughnut
          data={data}
          options={{
            maintainAspectRatio: false,
            animation: false,
            plugins: { legend: { position: 'bottom' }, tooltip },
          }}
        />
      ) : (
        <Bar
          data={data}
          options={{
            maintainAspectRatio: false,
            animation: false,
            indexAxis: p.horizontal ? 'y' : 'x',
            plugins: { legend: { display: false }, tooltip },
            scales: {
              [p.horizontal ? 'x' : 'y']: {
                beginAtZero: true,
                ...(p.percent ? { max: 100 } : {}),
                ticks: { ...(p.percent ? {} : { precision: 0 }), callback: (v: number | string) => text(Number(v)) },
              },
            },
          }}
        />
      )}
    </div>
  );
}
