import type { CliIO } from '../io';
import { UsageError, type CliCommand } from '../registry';
import { EVAL_BEATS_USAGE, runEvalBeats } from './eval-beats';
import { EVAL_FINDINGS_USAGE, runEvalFindings } from './eval-findings';
import { evalQrsCommand } from './eval-qrs';

/** One evaluation: `ecg-desk eval <name> …`. */
interface Evaluation {
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

/** Add evaluations here (beats, findings, … as the models land). */
const evaluations: Record<string, Evaluation> = {
  qrs: { usage: evalQrsCommand.usage, run: (args, io) => evalQrsCommand.run(args, io) },
  beats: { usage: EVAL_BEATS_USAGE, run: runEvalBeats },
  findings: { usage: EVAL_FINDINGS_USAGE, run: runEvalFindings },
};

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'evaluations on annotated data (qrs: QRS detector, EC57; beats: AAMI classes on DS2)',
  usage: Object.values(evaluations)
    .map((e) => e.usage)
    .join('\n       '),
  async run(args, io) {
    const [name, ...rest] = args;
    const evaluation = name === undefined ? undefined : evaluations[name];
    if (!evaluation) {
      throw new UsageError(
        `${name === undefined ? 'no evaluation named' : `unknown evaluation "${name}"`}; one of: ${Object.keys(evaluations).join(', ')}`,
      );
    }
    return evaluation.run(rest, io);
  },
};
