// A number on the dashboard, and the formats they are shown in: each count links to the inbox
// filtered to exactly the messages behind it.
import { Link } from 'react-router';
import type { Figure } from '@ecoute/shared/stats-contract';

export function FigureLink({ figure, label }: { figure: Figure; label?: string }) {
  return (
    <Link to={figure.link} className="figure-link" aria-label={label ? `${label}: ${figure.value}` : undefined}>
      {figure.value}
    </Link>
  );
}

/** "2 h 5 min", "3 j 4 h": a working time or an age, to the minute. */
export function formatSeconds(seconds: number | null, language: string): string {
  if (seconds === null) return '–';
  const unit = (value: number, name: 'day' | 'hour' | 'minute') =>
    new Intl.NumberFormat(language, { style: 'unit', unit: name, unitDisplay: 'narrow' }).format(value);
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24)
    return [unit(hours, 'hour'), minutes % 60 ? unit(minutes % 60, 'minute') : ''].filter(Boolean).join(' ');
  const days = Math.floor(hours / 24);
  return [unit(days, 'day'), hours % 24 ? unit(hours % 24, 'hour') : ''].filter(Boolean).join(' ');
}

export const formatRate = (rate: number | null, language: string) =>
  rate === null ? '–' : new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
