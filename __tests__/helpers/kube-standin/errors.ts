/**
 * Kubernetes `Status` failures, worded as kube-apiserver words them (k8s.io/apimachinery
 * pkg/api/errors), so kubectl prints what it would print against a real cluster.
 */
import type { Obj } from './json.js';

/** What a qualified resource looks like in messages: 'deployments.apps', 'services'. */
export interface GroupResource {
  group: string;
  resource: string;
}
/** A failure cause of a 422 `Invalid` (field is dotted: 'spec.replicas', 'spec.template.spec.containers[0].image'). */
export interface StatusCause {
  reason: 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueNotSupported' | 'FieldValueForbidden' | 'FieldValueDuplicate';
  message: string;
  field: string;
}

export class KubeError extends Error {
  /** What the stand-in knows about the failure beyond what kube-apiserver tells the client (request log only). */
  note?: string;
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Obj
  ) {
    super(message);
  }
  /** The `Status` body a kube-apiserver answers with. */
  status(): Obj {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code
    };
  }
}

const qualified = (gr: GroupResource): string => (gr.group ? `${gr.resource}.${gr.group}` : gr.resource);
const grDetails = (gr: GroupResource, name: string): Obj => ({ name, ...(gr.group ? { group: gr.group } : {}), kind: gr.resource });

export const notFound = (gr: GroupResource, name: string): KubeError =>
  new KubeError(404, 'NotFound', `${qualified(gr)} "${name}" not found`, grDetails(gr, name));

export const alreadyExists = (gr: GroupResource, name: string): KubeError =>
  new KubeError(409, 'AlreadyExists', `${qualified(gr)} "${name}" already exists`, grDetails(gr, name));

export const conflict = (gr: GroupResource, name: string): KubeError =>
  new KubeError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(gr)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    grDetails(gr, name)
  );

/** 422 Invalid for an object, e.g. `Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`. */
export function invalid(group: string, kind: string, name: string, causes: StatusCause[]): KubeError {
  const messages = causes.map((c) => `${c.field}: ${c.message}`);
  const joined = messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
  return new KubeError(422, 'Invalid', `${group ? `${kind}.${group}` : kind} "${name}" is invalid: ${joined}`, {
    name,
    ...(group ? { group } : {}),
    kind,
    causes
  });
}

/**
 * 422 for a JSON patch that does not apply (a failed `test`, a missing path): kube-apiserver wraps
 * evanphx/json-patch's error in NewGenericServerResponse(422, ...), which keeps only this fixed
 * message and an empty `details` (the reason the patch failed is not sent to the client).
 */
export function patchDoesNotApply(why: string): KubeError {
  const e = new KubeError(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
  e.note = why;
  return e;
}

export const badRequest = (message: string): KubeError => new KubeError(400, 'BadRequest', message);

export const methodNotAllowed = (): KubeError => new KubeError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});

export const unsupportedMediaType = (accepted: string[]): KubeError =>
  new KubeError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);

/** What the stand-in answers for a path it does not serve (kube-apiserver's 404 for an unknown URL). */
export const pathNotFound = (): KubeError => new KubeError(404, 'NotFound', 'the server could not find the requested resource', {});
