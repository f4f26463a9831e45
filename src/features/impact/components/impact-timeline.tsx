/**
 * Allowed, denied and undetermined events per day, as stacked bars in a small SVG drawn here (a
 * chart library would weigh more than the panel itself for one chart). The figures are also in
 * the SVG's title and in a visually plain table for screen readers.
 */
import Box from '@mui/material/Box';
import { useTheme } from '@mui/material/styles';
import { formatCount } from '@/core/text/format-count';
import type { TimelineDay } from '@/core/impact/report';

const WIDTH = 360;
const HEIGHT = 120;
const AXIS = 16;

export function ImpactTimeline({ days }: { days: readonly TimelineDay[] }) {
  const theme = useTheme();
  if (days.length === 0) return null;
  const colors = {
    allowed: theme.palette.success.main,
    denied: theme.palette.error.main,
    undetermined: theme.palette.warning.main,
  };
  const max = Math.max(1, ...days.map((d) => d.allowed + d.denied + d.undetermined));
  const slot = WIDTH / days.length;
  const bar = Math.max(1, slot * 0.8);
  const plot = HEIGHT - AXIS;
  const summary = `Events per day from ${days[0]!.day} to ${days[days.length - 1]!.day}: ${formatCount(
    days.reduce((s, d) => s + d.allowed, 0),
  )} allowed, ${formatCount(days.reduce((s, d) => s + d.denied, 0))} denied.`;
  return (
    <Box component="figure" sx={{ m: 0, mt: 1 }}>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={summary}
        style={{ display: 'block', maxHeight: 160 }}
      >
        {days.map((day, i) => {
          let y = plot;
          return (
            <g key={day.day}>
              <title>{`${day.day}: ${formatCount(day.allowed)} allowed, ${formatCount(day.denied)} denied, ${formatCount(day.undetermined)} undetermined`}</title>
              {(['allowed', 'undetermined', 'denied'] as const).map((kind) => {
                const h = (day[kind] / max) * (plot - 4);
                y -= h;
                return h > 0 ? (
                  <rect
                    key={kind}
                    x={i * slot + (slot - bar) / 2}
                    y={y}
                    width={bar}
                    height={h}
                    fill={colors[kind]}
                  />
                ) : null;
              })}
            </g>
          );
        })}
        <line x1={0} x2={WIDTH} y1={plot} y2={plot} stroke={theme.palette.divider} />
        <text x={0} y={HEIGHT - 3} fontSize={10} fill={theme.palette.text.secondary}>
          {days[0]!.day}
        </text>
        {days.length > 1 && (
          <text
            x={WIDTH}
            y={HEIGHT - 3}
            fontSize={10}
            textAnchor="end"
            fill={theme.palette.text.secondary}
          >
            {days[days.length - 1]!.day}
          </text>
        )}
      </svg>
      <Box
        component="figcaption"
        sx={{ display: 'flex', gap: 2, fontSize: 12, color: 'text.secondary', flexWrap: 'wrap' }}
      >
        {(['allowed', 'denied', 'undetermined'] as const).map((kind) => (
          <Box
            key={kind}
            component="span"
            sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
          >
            <Box
              component="span"
              aria-hidden
              sx={{ width: 10, height: 10, bgcolor: colors[kind], display: 'inline-block' }}
            />
            {kind}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
