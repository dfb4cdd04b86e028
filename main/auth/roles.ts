/**
 * Who may do what. Checked in the service layer (main/annotate, main/auth), not only in the
 * UI, so every caller (renderer, web host, CLI) gets the same rules.
 *
 * - annotator: edit beat labels, start a review;
 * - cardiologist: that, plus sign and reopen reviews;
 * - admin: manage users only (a person who also reads ECGs gets a second account, so that
 *   account administration and clinical sign-off stay separate);
 * - local-operator: whoever runs the CLI on this machine, or uses the app before any account
 *   exists. They can already write the store file, so a password would protect nothing; they
 *   may edit labels and start reviews, never sign.
 */
import type { UserRole } from '@common/types';
import { AuthError } from './errors';

export type ActorRole = UserRole | 'local-operator';

export type Permission =
  'labels.edit' | 'review.start' | 'review.sign' | 'review.reopen' | 'users.manage';

/** The person (or operator) on whose behalf a change is made; `user` goes into the audit trail. */
export interface Actor {
  user: string;
  role: ActorRole;
  /** The account's id; null for the local operator. */
  userId: string | null;
}

const GRANTS: Record<ActorRole, readonly Permission[]> = {
  annotator: ['labels.edit', 'review.start'],
  cardiologist: ['labels.edit', 'review.start', 'review.sign', 'review.reopen'],
  admin: ['users.manage'],
  'local-operator': ['labels.edit', 'review.start'],
};

const WHAT: Record<Permission, string> = {
  'labels.edit': 'edit beat labels',
  'review.start': 'start a review',
  'review.sign': 'sign a review',
  'review.reopen': 'reopen a signed review',
  'users.manage': 'manage users',
};

export function can(actor: Actor, permission: Permission): boolean {
  return GRANTS[actor.role].includes(permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new AuthError('forbidden', `${actor.user} (${actor.role}) may not ${WHAT[permission]}`);
  }
}

/** The actor for the local operator (CLI `--user NAME`, or the app before any account exists). */
export function localOperator(name: string): Actor {
  return { user: name, role: 'local-operator', userId: null };
}
