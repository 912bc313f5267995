/**
 * The alert the operator last chose in this tab (selected in the queue or opened), so that coming
 * back to the queue keeps it selected. Only ever set by an operator's action, never by default.
 */
let lastId: string | undefined;

export function rememberSelection(id: string | undefined): void {
  lastId = id;
}

export function rememberedSelection(): string | undefined {
  return lastId;
}
