/** Light/dark theme, persisted in localStorage and applied as `<html data-theme>`. */
import { readStored, writeStored } from './storage';

export type ThemeMode = 'light' | 'dark';

const KEY = 'ecgDesk.theme';

function initialTheme(): ThemeMode {
  const stored = readStored(KEY);
  if (stored === 'light' || stored === 'dark') return stored;
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
}

class ThemeState {
  mode = $state<ThemeMode>(initialTheme());

  constructor() {
    this.apply();
  }

  toggle(): void {
    this.set(this.mode === 'light' ? 'dark' : 'light');
  }

  set(mode: ThemeMode): void {
    this.mode = mode;
    writeStored(KEY, mode);
    this.apply();
  }

  private apply(): void {
    if (typeof document !== 'undefined') document.documentElement.dataset.theme = this.mode;
  }
}

export const theme = new ThemeState();
