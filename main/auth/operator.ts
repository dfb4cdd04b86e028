/**
 * The CLI's actor. `ecg-desk labels … --user NAME` takes no password: the CLI is the local
 * operator of this machine, who can write the store file directly anyway, so a password
 * would protect nothing (CLI-CONTRACT.md fixes the flags). NAME is recorded verbatim in the
 * beat and in the audit trail. A name that belongs to a disabled account is refused, so a
 * disabled person's name is not silently reused.
 */
import type { Store } from '../store';
import { AuthError } from './errors';
import { localOperator, type Actor } from './roles';

export const MAX_OPERATOR_NAME = 64;

export function operatorActor(store: Store, name: string): Actor {
  const user = name.trim();
  // eslint-disable-next-line no-control-regex -- control characters are what we refuse
  if (user === '' || user.length > MAX_OPERATOR_NAME || /[\x00-\x1f\x7f]/.test(user)) {
    throw new AuthError(
      'invalid',
      `a user name has 1 to ${MAX_OPERATOR_NAME} characters and no control characters`,
    );
  }
  const account = store.users.findByUsername(user);
  if (account?.disabled)
    throw new AuthError('disabled', `the account ${account.username} is disabled`);
  return localOperator(user);
}
