import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** A random URL-safe token for links (invitations, password resets); only its hash is stored. */
export const newLinkToken = () => randomBytes(32).toString("base64url");

/** Same as private.hash_token() in the database. */
export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");
