/**
 * What every lead layout (all leads stacked, the 12-lead 3×4 grid) takes from the viewer: the
 * same state, callbacks and overlays, so switching layouts changes only the arrangement.
 */
import type { Snippet } from 'svelte';
import type { Palette, VLine } from '../ecg/paper';
import type { ViewerState } from '../state/viewer.svelte';

/** What a layout hands on unchanged to each of its traces (TraceChart). */
export interface LeadTraceProps {
  palette: Palette;
  /** Cursor moved to `t` seconds (null = left the traces). */
  onCursor: (t: number | null) => void;
  /** Drag on a trace: total px moved since the drag started. */
  onDrag: (dxPx: number, phase: 'start' | 'move' | 'end') => void;
  onWheelPan: (dxPx: number) => void;
  onZoom: (dir: 1 | -1, t: number) => void;
  /** Lines over every trace (selected beat, calipers). */
  vlines?: VLine[];
  crosshair?: boolean;
}

export interface LeadLayoutProps extends LeadTraceProps {
  viewer: ViewerState;
  /**
   * A click on a trace at time `t` (s) on lead `lead`, with the value there: mV, or the lead's
   * own units where it is not a voltage (drawn fitted to its row).
   */
  onPointClick?: (t: number, value: number, lead: number, e: PointerEvent) => void;
  /** Beats are shown: draw the file's annotation symbols muted. */
  quietAnnotations?: boolean;
  /** The beat track, drawn above the (rhythm) traces over [t0, t1). */
  beatTrack?: Snippet<[{ t0: number; t1: number; offsetPx: number; widthPx: number }]>;
}
