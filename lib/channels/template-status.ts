/** A template's approval status in Kiln's five words; pure, for the webhook parser and the sync. */
export type ProviderTemplateStatus = "approved" | "pending" | "rejected" | "paused" | "disabled";

/** Meta's statuses (APPROVED, IN_APPEAL, PENDING_DELETION …) in Kiln's five. */
export function templateStatusOf(status: string | undefined | null): ProviderTemplateStatus {
  switch ((status ?? "").toLowerCase()) {
    case "approved":
      return "approved";
    case "rejected":
      return "rejected";
    case "paused":
      return "paused";
    case "disabled":
    case "deleted":
    case "pending_deletion":
    case "archived":
      return "disabled";
    default:
      return "pending";
  }
}
