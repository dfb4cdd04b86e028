import { userInfo } from 'node:os';

/** The OS user name for the audit log, or "cli" when the OS does not tell. */
export function osUserName(): string {
  try {
    const name = userInfo().username.trim();
    return name === '' ? 'cli' : name;
  } catch {
    return 'cli';
  }
}
