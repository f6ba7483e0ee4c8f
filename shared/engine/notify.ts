import type { Notifier, RolloutEvent } from '../ports/notifier.js';
import type { Logger } from '../util/log.js';
import { escapeLogText } from '../util/escape.js';
import { errorMessage } from './errors.js';

/**
 * Tells every notifier; a failing one is a warning and never stops the others (nor moves
 * traffic). Returns the last URL a notifier gave back (the incident issue's).
 */
export async function notifyAll(notifiers: readonly Notifier[], event: RolloutEvent, logger: Logger): Promise<string | undefined> {
  let url: string | undefined;
  for (const n of notifiers) {
    try {
      const r = await n.notify(event);
      if (r && r.url) url = r.url;
    } catch (err) {
      logger.warning(`The ${n.name} notifier failed: ${escapeLogText(errorMessage(err))}.`);
    }
  }
  return url;
}
