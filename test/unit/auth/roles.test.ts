import { describe, expect, it } from 'vitest';
import {
  AuthError,
  can,
  localOperator,
  requirePermission,
  type Actor,
  type Permission,
} from '../../../main/auth';

const actor = (role: Actor['role']): Actor => ({ user: role, role, userId: role });
const all: Permission[] = [
  'labels.edit',
  'review.start',
  'review.sign',
  'review.reopen',
  'users.manage',
];
const granted = (a: Actor) => all.filter((p) => can(a, p));

describe('roles', () => {
  it('annotator edits; cardiologist edits, signs and reopens; admin manages users only', () => {
    expect(granted(actor('annotator'))).toEqual(['labels.edit', 'review.start']);
    expect(granted(actor('cardiologist'))).toEqual([
      'labels.edit',
      'review.start',
      'review.sign',
      'review.reopen',
    ]);
    expect(granted(actor('admin'))).toEqual(['users.manage']);
    expect(granted(localOperator('op'))).toEqual(['labels.edit', 'review.start']);
  });

  it('requirePermission throws a forbidden AuthError naming the user and the act', () => {
    expect(() => requirePermission(actor('annotator'), 'review.sign')).toThrow(
      /annotator \(annotator\) may not sign a review/,
    );
    try {
      requirePermission(actor('admin'), 'labels.edit');
    } catch (err) {
      expect(err).toBeInstanceOf(AuthError);
      expect((err as AuthError).kind).toBe('forbidden');
    }
  });
});
