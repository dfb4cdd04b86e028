/**
 * `app.info` (version, host, ML backend) and the beat model of the open recording's analysis,
 * for the status pills in the header.
 */
import type { AppInfo } from '@common/types';
import { call, errorMessage } from '../api';

class AppInfoState {
  info = $state<AppInfo | null>(null);
  error = $state<string | null>(null);
  /**
   * The open recording's analysis: undefined when no recording is open or it was not analysed;
   * null when analysed without a beat model; else the model version.
   */
  beatModel = $state<string | null | undefined>(undefined);

  async refresh(): Promise<void> {
    try {
      this.info = await call('app.info', {});
      this.error = null;
    } catch (err) {
      this.error = errorMessage(err);
    }
  }
}

export const appInfo = new AppInfoState();
