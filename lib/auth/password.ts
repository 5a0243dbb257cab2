import "server-only";
import bcrypt from "bcryptjs";

// bcrypt, as Supabase Auth stores it in auth.users.encrypted_password ($2a/$2b hashes are interchangeable).
const COST = process.env.NODE_ENV === "test" ? 4 : 10;

export const hashPassword = (password: string) => bcrypt.hash(password, COST);

// Compared against when the email is unknown, so that case costs as much time as a wrong password.
let dummyHash: string | undefined;

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  dummyHash ??= await bcrypt.hash("kiln-timing-equaliser", COST);
  const ok = await bcrypt.compare(password, hash ?? dummyHash);
  return Boolean(hash) && ok;
}
