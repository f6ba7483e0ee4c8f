import type { Notifier, RolloutEvent } from '../ports/notifier.js';
import type { RolloutReport, RolloutResult } from '../model/report.js';
import type { Logger } from '../util/log.js';
import { escapeLogText } from '../util/escape.js';
import { statusDescription } from './commit-status.js';

export interface WebhookNotifierOptions {
  /** A secret: it is never logged, not even its host. */
  url: string;
  logger: Logger;
  /** Which finished results are sent (default all). Started events are never sent. */
  results?: RolloutResult[];
  timeoutMs?: number;
}

/**
 * The secrets in a webhook URL: the URL, and its path (with the query), whose last segment is the
 * key of a Slack-style hook; a path or segment shorter than 8 characters is not a secret of its own.
 */
export function webhookSecrets(url: string): string[] {
  const out = new Set<string>();
  if (!url.trim()) return [];
  out.add(url.trim());
  if (URL.canParse(url)) {
    const u = new URL(url);
    const credentials = urlCredentials(u);
    if (credentials) {
      out.add(credentials);
      const password = credentials.slice(credentials.indexOf(':') + 1);
      if (password.length >= 4) out.add(password);
      out.add(Buffer.from(credentials).toString('base64'));
    }
    const secretPath = `${u.pathname}${u.search}`;
    if (secretPath.length >= 8) out.add(secretPath);
    const last = u.pathname.split('/').filter(Boolean).at(-1);
    if (last && last.length >= 8) out.add(last);
  }
  return [...out];
}

/** `user:password` of a URL, decoded ('' when it has none). */
function urlCredentials(u: URL): string {
  const decode = (part: string): string => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  };
  return u.username || u.password ? `${decode(u.username)}:${decode(u.password)}` : '';
}

/** Slack mrkdwn: only &, < and > are special; untrusted text cannot form links or mentions. */
function slackEscape(text: string): string {
  return escapeLogText(text, 500).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function webhookBody(report: RolloutReport, logUrl?: string): { text: string; blocks: unknown[] } {
  const icon = report.result === 'promoted' ? ':white_check_mark:' : report.result === 'paused' ? ':double_vertical_bar:' : ':rotating_light:';
  const text = `${icon} Shipgate ${slackEscape(report.environment)}: ${slackEscape(statusDescription(report))}`;
  const fields = [
    `*Result:* ${report.result}`,
    `*Version:* ${slackEscape(report.release.version)}`,
    `*Previous:* ${slackEscape(report.previous?.version ?? 'none')}`,
    `*Weight:* ${report.weight} %`
  ];
  const blocks: unknown[] = [
    { type: 'section', text: { type: 'mrkdwn', text } },
    { type: 'section', fields: fields.map((f) => ({ type: 'mrkdwn', text: f })) },
    { type: 'context', elements: [{ type: 'mrkdwn', text: slackEscape(report.reason) }] }
  ];
  if (logUrl && /^https?:\/\//.test(logUrl))
    blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open run' }, url: logUrl }] });
  return { text, blocks };
}

/** Posts a Slack-compatible message; a failure is a warning and never changes the rollout. */
export class WebhookNotifier implements Notifier {
  readonly name = 'webhook';
  constructor(private readonly o: WebhookNotifierOptions) {
    if (!/^https?:\/\//.test(o.url)) throw new Error('The webhook URL must start with https:// (or http://).');
  }

  async notify(event: RolloutEvent): Promise<void> {
    if (event.type !== 'finished') return;
    if (this.o.results && !this.o.results.includes(event.report.result)) return;
    try {
      // fetch refuses a URL with credentials: they go in a Basic header, as curl sends them.
      const target = new URL(this.o.url);
      const credentials = urlCredentials(target);
      target.username = '';
      target.password = '';
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(credentials ? { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` } : {}) },
        body: JSON.stringify(webhookBody(event.report, event.logUrl)),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
        redirect: 'error'
      });
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) this.o.logger.warning(`The webhook answered ${res.status}; the notification was not delivered.`);
    } catch (err) {
      // The error text of fetch can contain the URL: say only what kind of failure it was.
      const kind = (err as Error).name === 'TimeoutError' ? `no answer within ${this.o.timeoutMs ?? 10_000} ms` : 'the request failed';
      this.o.logger.warning(`The webhook notification was not delivered: ${kind}.`);
    }
  }
}
