/** App-wide UI state: the open modal dialogs (the viewer's shortcuts pause while any is open). */
class UiState {
  /** Open dialogs, innermost last. */
  private stack = $state<symbol[]>([]);

  get modalOpen(): boolean {
    return this.stack.length > 0;
  }

  open(id: symbol): void {
    this.stack = [...this.stack, id];
  }

  close(id: symbol): void {
    this.stack = this.stack.filter((x) => x !== id);
  }

  isTop(id: symbol): boolean {
    return this.stack.at(-1) === id;
  }
}

export const ui = new UiState();
