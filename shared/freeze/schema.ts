import { MAX_DURATION_DAYS } from './duration.js';
import { FREEZE_NAME, MAX_REASON_LENGTH } from './windows.js';

/**
 * JSON Schema (draft-07, no `$id`) of the config file's `freeze` list, for schema/shipgate.schema.json
 * (top level and `environments.<name>`). It checks the shape (keys, types, lengths) so that editors
 * can complete and flag it; what the values mean (a cron pattern, a duration, a date, a zone, cron
 * with duration or from with to, to after from) is checked by parseFreezeWindows, whose sentences
 * name the window and the field, which a schema error cannot.
 */
export const FREEZE_JSON_SCHEMA = {
  type: 'array',
  description:
    'Freeze windows: a rollout that starts inside one fails before deploying (override-freeze: true with a reason deploys anyway, and the ledger and summary record it). Rollbacks are never blocked. Each window is either cron with duration (repeating) or from with to (one period).',
  items: {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: {
        type: 'string',
        pattern: FREEZE_NAME.source,
        description: 'The window, as sentences and the summary name it. Default: derived from cron and duration, or from and to.'
      },
      cron: {
        type: 'string',
        maxLength: 100,
        description:
          'When the window opens: a cron pattern of five fields (minute hour day-of-month month day-of-week), read in timezone, e.g. "0 17 * * FRI"; or @daily, @weekly, @monthly, @yearly, @hourly. Needs duration.',
        examples: ['0 17 * * FRI', '0 0 24 12 *']
      },
      duration: {
        type: 'string',
        maxLength: 40,
        description: `How long each opening lasts: weeks, days, hours, minutes in that order (30m, 12h, 2d, 2d12h), at most ${MAX_DURATION_DAYS} days. Days are calendar days in timezone (across a DST change too); hours and minutes are elapsed time.`,
        examples: ['64h', '2d16h', '30m']
      },
      from: {
        type: 'string',
        maxLength: 40,
        description:
          'Start of a one-off window: a date (the whole day, in timezone), a date-time in timezone (2026-12-20T18:00) or with an offset (2026-12-20T18:00Z). Needs to.',
        examples: ['2026-12-20', '2026-12-20T18:00']
      },
      to: {
        type: 'string',
        maxLength: 40,
        description: 'End of a one-off window: a date is included as a whole day; a date-time is the first moment after the window.',
        examples: ['2027-01-04', '2027-01-04T06:00']
      },
      timezone: {
        type: 'string',
        maxLength: 64,
        description: 'IANA time zone the window is read in, e.g. Europe/Berlin. Default: UTC.',
        examples: ['Europe/Berlin', 'America/New_York', 'UTC']
      },
      reason: {
        type: 'string',
        minLength: 1,
        maxLength: MAX_REASON_LENGTH,
        description: 'Why deploys stop: shown in the sentence that fails a rollout and in the summary.'
      }
    }
  }
} as const;
