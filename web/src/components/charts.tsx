/**
 * Hand-written SVG charts: horizontal bars and stacked day columns. Sized by viewBox, scale with the
 * card. Days and numbers are written in the console's language.
 */
import { useMemo } from 'react';
import { dayFormats, niceTicks } from '../lib/chart-scale.ts';
import { useI18n } from '../i18n/context.tsx';
import { useWidth } from '../lib/use-width.ts';

export interface Bar {
  readonly label: string;
  readonly value: number | null;
  readonly color?: string;
  /** Text shown at the end of the bar (default: the value). */
  readonly text?: string;
}

const ROW = 26;
const LABEL_W = 150;
const VALUE_W = 120;

export function HBarChart({ bars, max, title }: { bars: readonly Bar[]; max?: number; title: string }): React.JSX.Element {
  const { t, fmt } = useI18n();
  const [ref, width] = useWidth<HTMLDivElement>(520);
  const top = max ?? Math.max(1, ...bars.map((b) => b.value ?? 0));
  const plotW = Math.max(60, width - LABEL_W - VALUE_W);
  const height = Math.max(ROW, bars.length * ROW) + 4;
  return (
    <div ref={ref} className="chart-box">
      {bars.length === 0 ? <p className="muted small chart-empty">{t('dashboard.noData')}</p> : (
    <svg className="chart" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
      <title>{title}</title>
      {bars.map((b, i) => {
        const y = i * ROW + 4;
        const w = b.value === null ? 0 : Math.max(b.value > 0 ? 2 : 0, (b.value / top) * plotW);
        return (
          <g key={b.label}>
            <text x={LABEL_W - 8} y={y + ROW / 2} className="chart-label" textAnchor="end" dominantBaseline="middle">{b.label}</text>
            <rect x={LABEL_W} y={y + 3} width={plotW} height={ROW - 10} className="chart-track" rx={3} />
            <rect x={LABEL_W} y={y + 3} width={w} height={ROW - 10} fill={b.color ?? 'var(--accent)'} rx={3} />
            <text x={LABEL_W + plotW + 8} y={y + ROW / 2} className="chart-value" dominantBaseline="middle">
              {b.text ?? (b.value === null ? '–' : fmt.number(b.value))}
            </text>
          </g>
        );
      })}
    </svg>
      )}
    </div>
  );
}

export interface DayColumn {
  /** A UTC day, `2026-12-03`. */
  readonly day: string;
  /** `key` tells the parts apart, `label` names them in the tooltip. */
  readonly parts: readonly { readonly key: string; readonly label: string; readonly value: number; readonly color: string }[];
}

export function StackedDays({ days, title }: { days: readonly DayColumn[]; title: string }): React.JSX.Element {
  const { t, fmt, lang } = useI18n();
  const dayText = useMemo(() => dayFormats(lang), [lang]);
  const [ref, width] = useWidth<HTMLDivElement>(800);
  const H = 220;
  const padL = 34;
  const padB = 26;
  const W = width;
  const max = Math.max(1, ...days.map((d) => d.parts.reduce((s, p) => s + p.value, 0)));
  const ticks = useMemo(() => niceTicks(max), [max]);
  const top = ticks.at(-1) ?? max;
  const colW = (W - padL - 8) / Math.max(1, days.length);
  const barW = Math.min(colW * 0.7, 56);
  const y = (v: number): number => H - padB - (v / top) * (H - padB - 22);
  return (
    <div ref={ref} className="chart-box">
    <svg className="chart" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
      <title>{title}</title>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={padL} x2={W - 4} y1={y(tick)} y2={y(tick)} className="chart-grid" />
          <text x={padL - 6} y={y(tick)} className="chart-axis" textAnchor="end" dominantBaseline="middle">{fmt.number(tick)}</text>
        </g>
      ))}
      {days.map((d, i) => {
        let acc = 0;
        const x = padL + i * colW + (colW - barW) / 2;
        const total = d.parts.reduce((s, p) => s + p.value, 0);
        return (
          <g key={d.day}>
            {d.parts.map((p) => {
              const y0 = y(acc);
              acc += p.value;
              return p.value > 0 ? <rect key={p.key} x={x} width={barW} y={y(acc)} height={y0 - y(acc)} fill={p.color}><title>{t('dashboard.dayPart', { day: dayText.long(d.day), type: p.label, count: fmt.number(p.value) })}</title></rect> : null;
            })}
            {total > 0 && <text x={x + barW / 2} y={y(total) - 4} className="chart-value" textAnchor="middle">{fmt.number(total)}</text>}
            {(days.length <= 14 || i % Math.ceil(days.length / 10) === 0) && (
              <text x={x + barW / 2} y={H - 8} className="chart-axis" textAnchor="middle">{dayText.short(d.day)}</text>
            )}
          </g>
        );
      })}
    </svg>
    </div>
  );
}
