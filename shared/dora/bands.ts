/** DORA's performance levels. */
export type Band = 'elite' | 'high' | 'medium' | 'low';

export const BANDS_SOURCE = 'Accelerate State of DevOps Report 2023 (DORA), software delivery performance levels';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/*
 * The 2023 report's table "Software delivery performance levels" gives each cluster's typical
 * values, not thresholds:
 *   deployment frequency: on demand | between once per day and once per week |
 *     between once per week and once per month | between once per week and once per month
 *   change lead time: less than one day | between one day and one week |
 *     between one week and one month | between one week and one month
 *   change failure rate: 5 % | 10 % | 15 % | 64 %
 *   failed deployment recovery time: less than one hour | less than one day |
 *     between one day and one week | between one month and six months
 * (The 2022 report found three clusters, no elite; the 2023 report has four again.)
 * Shipgate reads each row as upper bounds, in order, so every value has exactly one band (where
 * medium and low overlap, the slower side is low). docs/dora.md states the same table and source.
 */

/** Deployments per day over the window. */
export function frequencyBand(perDay: number): Band {
  if (perDay >= 1) return 'elite';
  if (perDay >= 1 / 7) return 'high';
  if (perDay >= 1 / 30) return 'medium';
  return 'low';
}

/** Median lead time for changes. */
export function leadTimeBand(medianMs: number): Band {
  if (medianMs < DAY) return 'elite';
  if (medianMs < 7 * DAY) return 'high';
  if (medianMs < 30 * DAY) return 'medium';
  return 'low';
}

/** Share of changes in production that failed (0..1). */
export function failureRateBand(rate: number): Band {
  if (rate <= 0.05) return 'elite';
  if (rate <= 0.1) return 'high';
  if (rate <= 0.15) return 'medium';
  return 'low';
}

/** Median time to restore. */
export function restoreBand(medianMs: number): Band {
  if (medianMs < HOUR) return 'elite';
  if (medianMs < DAY) return 'high';
  if (medianMs < 7 * DAY) return 'medium';
  return 'low';
}
