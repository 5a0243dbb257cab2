import { z } from "zod";
import { GOOGLE_PARTS } from "./parts";

/** `?parts=gmail,calendar` on the start route: the parts being turned on (none: just the account). */
export const googleStartQuery = z.object({
  parts: z
    .string()
    .max(100)
    .optional()
    .transform((value) => [...new Set((value ?? "").split(",").filter(Boolean))])
    .pipe(z.array(z.enum(GOOGLE_PARTS))),
});

/** Turning parts on or off from the card. */
export const googlePartsSchema = z
  .object({ gmail: z.boolean().optional(), calendar: z.boolean().optional() })
  .strict()
  .refine((change) => change.gmail !== undefined || change.calendar !== undefined, "nothingToChange");
export type GooglePartsChange = z.infer<typeof googlePartsSchema>;
