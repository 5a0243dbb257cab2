import type { Session } from "@/lib/auth/session";
import type { Actor } from "./types";

export const userActor = (session: Session): Extract<Actor, { type: "user" }> => ({
  type: "user",
  id: session.user.id,
  name: session.user.fullName || session.user.email,
});
