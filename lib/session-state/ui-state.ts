import {
  UI_PANELS,
  UI_SECTIONS,
  UI_VIEW_MODES,
  type UiPanel,
  type UiSection,
  type UiState,
  type UiViewMode,
  type UiViewModeKey,
} from "./schema";

/**
 * Reading and changing the UI state (`ui_state`), for the browser's hook
 * (components/session-state/ui-state.tsx) and the tests. A change answers the whole top-level
 * part it touches, merged with the current values, because a saved patch replaces whole parts.
 */

/** Whether `panel` shows: as the user left it, else open (the default of every panel). */
export const isPanelOpen = (ui: UiState, panel: UiPanel): boolean => ui.openPanels?.includes(panel) ?? true;

export const isSectionCollapsed = (ui: UiState, section: UiSection): boolean => ui.collapsedSections.includes(section);

/** The way a list shows: as the user left it, else its first (default) mode. */
export const viewModeOf = <K extends UiViewModeKey>(ui: UiState, key: K): UiViewMode<K> =>
  ui.viewModes[key] ?? UI_VIEW_MODES[key][0];

/** `openPanels` with `panel` opened or closed and every other panel as it shows now. */
export const withPanel = (ui: UiState, panel: UiPanel, open: boolean): Pick<UiState, "openPanels"> => ({
  openPanels: UI_PANELS.filter((p) => (p === panel ? open : isPanelOpen(ui, p))),
});

/** `collapsedSections` with `section` collapsed or expanded and the others kept. */
export const withSection = (
  ui: UiState,
  section: UiSection,
  collapsed: boolean,
): Pick<UiState, "collapsedSections"> => ({
  collapsedSections: UI_SECTIONS.filter((s) => (s === section ? collapsed : isSectionCollapsed(ui, s))),
});

/** `viewModes` with `key` shown as `mode` and the other lists kept. */
export const withViewMode = <K extends UiViewModeKey>(
  ui: UiState,
  key: K,
  mode: UiViewMode<K>,
): Pick<UiState, "viewModes"> => ({ viewModes: { ...ui.viewModes, [key]: mode } });
