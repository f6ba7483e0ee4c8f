import type { Notifier, RolloutEvent } from '../ports/notifier.js';
import type { Logger } from '../util/log.js';
import { escapeLogText } from '../util/escape.js';
import { errorMessage } from './errors.js';

/**
 * Tells every notifier; a failing one is a warning and never stops the others (nor moves
 * traffic). Returns the URL each notifier gave back, by notifier name. The incident issue's URL
 * is put on the finished report as soon as it is known, so notifiers after it (the revert PR)
 * can link it.
 */
export async function notifyAll(notifiers: readonly Notifier[], event: RolloutEvent, logger: Logger): Promise<Record<string, string>> {
  const urls: Record<string, string> = {};
  for (const n of notifiers) {
    try {
      const r = await n.notify(event);
      if (r && r.url) {
        urls[n.name] = r.url;
        if (n.name === INCIDENT_NOTIFIER && event.type === 'finished') event.report.incidentUrl = r.url;
      }
    } catch (err) {
      logger.warning(`The ${n.name} notifier failed: ${escapeLogText(errorMessage(err))}.`);
    }
  }
  return urls;
}

/** The notifier whose URL is the report's incident link (notifiers/incident-issue.ts). */
export const INCIDENT_NOTIFIER = 'incident-issue';
/** The notifier whose URL is the report's revert pull request (notifiers/revert-pr.ts). */
export const REVERT_PR_NOTIFIER = 'revert-pr';
