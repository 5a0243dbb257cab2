"use client";

import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";
import {
  EMPTY_UI_STATE,
  type UiPanel,
  type UiSection,
  type UiState,
  type UiViewMode,
  type UiViewModeKey,
} from "@/lib/session-state/schema";
import {
  isPanelOpen,
  isSectionCollapsed,
  viewModeOf,
  withPanel,
  withSection,
  withViewMode,
} from "@/lib/session-state/ui-state";
import { queueSessionState } from "@/lib/session-state/use-session-state";

/**
 * Open panels, collapsed sections and view modes as this device left them (lib/session-state).
 * A page's server component reads the device's state and wraps its view in `UiStateProvider`, so
 * the first paint already shows them; `useUiState()` reads them and saves each change through
 * the debounced session-state writer.
 */
const InitialUiState = createContext<UiState>(EMPTY_UI_STATE);

export function UiStateProvider({ initial, children }: { initial: UiState | null; children: ReactNode }) {
  return <InitialUiState.Provider value={initial ?? EMPTY_UI_STATE}>{children}</InitialUiState.Provider>;
}

type Changes = {
  panels: Partial<Record<UiPanel, boolean>>;
  sections: Partial<Record<UiSection, boolean>>;
  modes: UiState["viewModes"];
};
const NO_CHANGES: Changes = { panels: {}, sections: {}, modes: {} };

/*
 * What this tab changed since it loaded, laid over the page's server-read state: a page reached
 * by client-side navigation may have read the state before the debounced save of a change made
 * a moment earlier arrived. Browser only (the server snapshot is always NO_CHANGES); a full load
 * starts afresh from what the server rendered.
 */
let changes: Changes = NO_CHANGES;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

function applyChanges(initial: UiState, local: Changes): UiState {
  let ui = initial;
  for (const [panel, open] of Object.entries(local.panels)) ui = { ...ui, ...withPanel(ui, panel as UiPanel, open) };
  for (const [section, collapsed] of Object.entries(local.sections))
    ui = { ...ui, ...withSection(ui, section as UiSection, collapsed) };
  return { ...ui, viewModes: { ...ui.viewModes, ...local.modes } };
}

/** Records `next` as this tab's changes and queues the changed top-level part of `ui` (whole, merged). */
function change(next: Changes, part: Partial<UiState>) {
  changes = next;
  listeners.forEach((listener) => listener());
  queueSessionState({ uiState: part });
}

export function useUiState() {
  const initial = useContext(InitialUiState);
  const local = useSyncExternalStore(
    subscribe,
    () => changes,
    () => NO_CHANGES,
  );
  const ui = applyChanges(initial, local);
  return {
    panelOpen: (panel: UiPanel) => isPanelOpen(ui, panel),
    setPanelOpen: (panel: UiPanel, open: boolean) =>
      change({ ...changes, panels: { ...changes.panels, [panel]: open } }, withPanel(ui, panel, open)),
    sectionCollapsed: (section: UiSection) => isSectionCollapsed(ui, section),
    setSectionCollapsed: (section: UiSection, collapsed: boolean) =>
      change(
        { ...changes, sections: { ...changes.sections, [section]: collapsed } },
        withSection(ui, section, collapsed),
      ),
    viewMode: <K extends UiViewModeKey>(key: K) => viewModeOf(ui, key),
    setViewMode: <K extends UiViewModeKey>(key: K, mode: UiViewMode<K>) =>
      change({ ...changes, modes: { ...changes.modes, [key]: mode } }, withViewMode(ui, key, mode)),
  };
}
