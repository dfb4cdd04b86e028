/** The review of one open recording: unreviewed → in review → signed (→ reopened). */
import type { ReviewState } from '@common/types';
import { call, errorMessage } from '../api';
import { session } from './session.svelte';
import { worklist } from './worklist.svelte';

export class ReviewModel {
  readonly recordingId: string;
  state = $state<ReviewState | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  /** Bumped after every change (the audit view reloads). */
  changes = $state(0);

  private setState(s: ReviewState): void {
    this.state = s;
    worklist.setStatus(s.recordingId, s.status);
  }

  constructor(recordingId: string) {
    this.recordingId = recordingId;
  }

  signed = $derived(this.state?.status === 'signed');

  async load(): Promise<void> {
    try {
      this.setState(await call('review.get', { recordingId: this.recordingId }));
      this.error = null;
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  async start(): Promise<void> {
    await this.run(() =>
      call('review.start', { recordingId: this.recordingId, ...session.auth() }),
    );
  }

  /** Throws (for the dialog to show) when the signature is refused. */
  async sign(password: string, meaning: string): Promise<void> {
    this.busy = true;
    try {
      const signed = await call('review.sign', {
        recordingId: this.recordingId,
        sessionToken: session.requireToken(),
        password,
        meaning,
      });
      this.setState(signed);
      this.error = null;
      this.changes++;
    } finally {
      this.busy = false;
    }
  }

  async reopen(reason: string): Promise<void> {
    this.busy = true;
    try {
      this.setState(
        await call('review.reopen', {
          recordingId: this.recordingId,
          sessionToken: session.requireToken(),
          reason,
        }),
      );
      this.error = null;
      this.changes++;
    } finally {
      this.busy = false;
    }
  }

  private async run(fn: () => Promise<ReviewState>): Promise<void> {
    this.busy = true;
    try {
      this.setState(await fn());
      this.error = null;
      this.changes++;
    } catch (err) {
      this.error = errorMessage(err);
      void session.checkAfterRefusal();
    } finally {
      this.busy = false;
    }
  }
}
