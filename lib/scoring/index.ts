/**
 * Kiln's lead scoring engine: BANT and HEAT, pure and framework-free. See README.md for the rules.
 *
 * The database layer calls `evaluate(lead, signal, now)` for every event and stores what it returns.
 */
export * from "./types";
export {
  BANT_WEIGHTS,
  applyBantUpdate,
  bantBreakdown,
  bantScore,
  dimensionLine,
  dimensionPoints,
  disqualifiedDimensions,
  emptyBant,
  isBantQualified,
  isDisqualified,
} from "./bant";
export {
  HEAT_RULES,
  HEAT_THRESHOLDS,
  MEETING_FLOOR_SCORE,
  RULES_VERSION,
  activeOverride,
  bantHeatPoints,
  effectiveLevel,
  heatScore,
  lastContactAt,
  levelFor,
  meetingFloor,
  type MeetingFloor,
  type MeetingFloorKind,
} from "./heat";
export { applyEngagementSignal, emptyEngagement, nextMeetingAt, type EngagementSignal } from "./engagement";
export { evaluate, initialLeadScoring } from "./evaluate";
export { MINUS, QUOTE_MAX_CHARS, formatPoints, truncate } from "./format";
export { heatLine, heatLineSchema, legacyHeatLine, withPoints, type HeatLine, type HeatLineParams } from "./lines";
export {
  renderHeatLine,
  heatLineText,
  heatLinesText,
  intlHeatLineFormat,
  UTC_FORMAT,
  type HeatLineFormat,
  type HeatLineText,
} from "./render";
