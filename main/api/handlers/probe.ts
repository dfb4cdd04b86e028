/**
 * Handlers for the adversarial-sensitivity probe: a whole recording as a background job
 * (kind "probe", one per recording at a time), the latest run, and one beat on demand.
 */
import type { ProbeRunner } from '../../analysis/probe-runner';
import type { JobRegistry } from '../../jobs/registry';
import type { Store } from '../../store';
import type { Handlers } from '../dispatch';
import { BadRequestError, NotFoundError } from '../errors';

export interface ProbeContext {
  store: Store;
  jobs: JobRegistry;
  probeRunner: ProbeRunner;
}

type ProbeHandlers = Pick<Handlers, 'probe.start' | 'probe.get' | 'probe.beat' | 'probe.findings'>;

export function createProbeHandlers(ctx: ProbeContext): ProbeHandlers {
  const { store, jobs } = ctx;
  const requireRecording = (recordingId: string): void => {
    if (!store.recordings.get(recordingId)) throw new NotFoundError(`No recording ${recordingId}`);
  };
  return {
    'probe.start': ({ recordingId, method }) => {
      requireRecording(recordingId);
      if (store.beats.counts(recordingId).total === 0)
        throw new BadRequestError('the recording has no beats yet: analyse it first');
      const running = jobs.list({ recordingId, activeOnly: true }).find((j) => j.kind === 'probe');
      if (running) return running;
      return jobs.start('probe', recordingId, async (job) => {
        await ctx.probeRunner.recording(recordingId, method ?? 'pgd', job);
      });
    },
    'probe.get': ({ recordingId }) => {
      requireRecording(recordingId);
      return store.probeRuns.latest(recordingId);
    },
    'probe.beat': async ({ recordingId, sample, method }) => {
      requireRecording(recordingId);
      if (!store.beats.get(recordingId, sample))
        throw new NotFoundError(`No beat at sample ${sample}`);
      return ctx.probeRunner.beat(recordingId, sample, method ?? 'pgd');
    },
    'probe.findings': async ({ recordingId }) => {
      requireRecording(recordingId);
      const findings = store.analyses.latest(recordingId)?.findings;
      if (!findings || findings.findings.length === 0 || findings.recordModel === null)
        throw new BadRequestError(
          findings?.unavailableReason ??
            'no record-model findings to probe: analyse a 12-lead recording first',
        );
      return ctx.probeRunner.findings(recordingId);
    },
  };
}
