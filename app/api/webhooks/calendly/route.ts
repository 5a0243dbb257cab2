import { webhook } from "@/lib/http/webhook";
import { calendlyDeliveryFrom, receiveCalendlyDelivery, rejectFor } from "@/lib/meetings/webhook";

/** Calendly invitee events (booked, canceled, no-show set and cleared). */
export const POST = webhook(async ({ request, rawBody, log }) => {
  const result = await receiveCalendlyDelivery(calendlyDeliveryFrom(request, rawBody), rejectFor(log, request));
  return Response.json(result.body, { status: result.status });
});
