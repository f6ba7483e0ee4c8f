/**
 * Writes a kubeconfig for the stand-in: two contexts, 'standin' (namespace default) and 'other'
 * (namespace other), each with its own cluster entry and user. Both clusters are the same
 * stand-in: 'other' reaches it under the path prefix /ctx/other, which the stand-in strips and
 * records, so the request log says which context each request came through. (kubectl sends no
 * bearer token over plain http, so the users' tokens cannot tell the contexts apart.)
 */
import { writeFileSync } from 'node:fs';

export interface KubeContextSpec {
  /** Context name, also the cluster and user name. */
  name: string;
  namespace: string;
}

export const DEFAULT_CONTEXTS: readonly KubeContextSpec[] = [
  { name: 'standin', namespace: 'default' },
  { name: 'other', namespace: 'other' }
];

/** Path prefix under which a context reaches the stand-in ('' for the first one). */
export const contextPrefix = (contexts: readonly KubeContextSpec[], name: string): string => (contexts[0]?.name === name ? '' : `/ctx/${name}`);

const q = (s: string): string => JSON.stringify(s);

export function kubeconfigText(url: string, contexts: readonly KubeContextSpec[], currentContext: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'preferences: {}',
    'clusters:',
    ...contexts.flatMap((c) => [`  - name: ${q(c.name)}`, '    cluster:', `      server: ${q(url + contextPrefix(contexts, c.name))}`]),
    'users:',
    ...contexts.flatMap((c) => [`  - name: ${q(c.name)}`, '    user:', `      token: ${q(`${c.name}-token`)}`]),
    'contexts:',
    ...contexts.flatMap((c) => [
      `  - name: ${q(c.name)}`,
      '    context:',
      `      cluster: ${q(c.name)}`,
      `      user: ${q(c.name)}`,
      `      namespace: ${q(c.namespace)}`
    ]),
    `current-context: ${q(currentContext)}`,
    ''
  ].join('\n');
}

export function writeKubeconfig(path: string, url: string, contexts: readonly KubeContextSpec[], currentContext: string): void {
  writeFileSync(path, kubeconfigText(url, contexts, currentContext), { mode: 0o600 });
}
