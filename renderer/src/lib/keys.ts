/**
 * The viewer's keyboard shortcuts, as shown in the "?" help overlay. The handler lives in
 * RecordingViewer; keep the two in step. Plain ← / → pan the paper, so moving between beats
 * uses Tab or Ctrl+← / Ctrl+→ and never clashes with panning.
 */
export interface KeyHelp {
  keys: string[][];
  what: string;
}

export interface KeyGroup {
  name: string;
  keys: KeyHelp[];
}

export const KEY_GROUPS: KeyGroup[] = [
  {
    name: 'Move along the recording',
    keys: [
      { keys: [['←'], ['→']], what: 'Half a page back / forward (with Shift: a whole page)' },
      { keys: [['Page Up'], ['Page Down']], what: 'A page back / forward' },
      { keys: [['Home'], ['End']], what: 'Start / end of the recording' },
      { keys: [['+'], ['−']], what: 'Faster / slower paper (zoom in / out on time)' },
    ],
  },
  {
    name: 'Beats',
    keys: [
      {
        keys: [
          ['Ctrl', '→'],
          ['Ctrl', '←'],
        ],
        what: 'Select the next / previous beat',
      },
      {
        keys: [['Tab'], ['Shift', 'Tab']],
        what: 'The same while a beat is selected (Esc gives Tab back to the controls)',
      },
      { keys: [[']'], ['[']], what: 'Next / previous beat of the chosen class or filter' },
      { keys: [['Esc']], what: 'Clear the calipers, then the selection' },
    ],
  },
  {
    name: 'Edit labels',
    keys: [
      {
        keys: [['N'], ['S'], ['V'], ['F'], ['Q']],
        what: 'Label the selected beat(s) and go to the next one',
      },
      { keys: [['Shift', 'N … Q']], what: 'Label without moving on' },
      { keys: [['I'], ['Insert']], what: 'Insert a beat (Q) at the pointer; type its class next' },
      { keys: [['Delete'], ['Backspace']], what: 'Delete the selected beat(s)' },
      { keys: [['B']], what: 'Relabel beats similar to the selected one…' },
      { keys: [['Ctrl', 'Z']], what: 'Undo' },
      {
        keys: [
          ['Ctrl', 'Shift', 'Z'],
          ['Ctrl', 'Y'],
        ],
        what: 'Redo',
      },
      {
        keys: [['drag a letter']],
        what: 'Move the beat; drag over the beat track to select several',
      },
    ],
  },
  {
    name: 'Tools',
    keys: [
      { keys: [['C']], what: 'Calipers on / off: click two points on a trace' },
      { keys: [['?']], what: 'This help' },
    ],
  },
];
