/** App-wide UI state: whether a modal dialog is open (the viewer's shortcuts pause then). */
class UiState {
  modals = $state(0);

  get modalOpen(): boolean {
    return this.modals > 0;
  }
}

export const ui = new UiState();
