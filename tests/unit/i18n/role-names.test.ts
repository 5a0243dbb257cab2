import { readFileSync } from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/lib/auth/roles";
import { LOCALES } from "@/lib/i18n/config";

/**
 * A role goes by one name per language: the label in `roles.*` is the word every message that names
 * a role uses too (an invitation, a "needs the role" problem, the validation message), so a German
 * invitation never says "Vertrieb" where the member list says "Vertriebsmitarbeiter".
 */

type Tree = { [key: string]: string | Tree };
const messagesDir = path.resolve(__dirname, "../../../lib/i18n/messages");
const catalogue = (locale: string): Tree => JSON.parse(readFileSync(path.join(messagesDir, `${locale}.json`), "utf8"));

function leaves(tree: Tree, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const full = prefix ? `${prefix}.${key}` : key;
    return typeof value === "string" ? [[full, value] as [string, string]] : leaves(value, full);
  });
}

/** Every `{role, select, …}` branch in a message: role → the branch's literal text. */
function roleBranches(elements: MessageFormatElement[]): Map<string, string>[] {
  return elements.flatMap((element) => {
    if (element.type !== TYPE.select) return [];
    const nested = Object.values(element.options).flatMap((option) => roleBranches(option.value));
    if (element.value !== "role") return nested;
    const branches = new Map(
      Object.entries(element.options).map(([role, option]) => [
        role,
        option.value.map((part) => (part.type === TYPE.literal ? part.value : "")).join(""),
      ]),
    );
    return [branches, ...nested];
  });
}

describe.each(LOCALES)("role names in %s", (locale) => {
  const tree = catalogue(locale);
  const labels = tree.roles as Record<Role, string>;

  it("every message that selects on a role names each role by its label", () => {
    const mismatches = leaves(tree).flatMap(([key, message]) =>
      roleBranches(parse(message)).flatMap((branches) =>
        ROLES.filter((role) => branches.has(role) && branches.get(role) !== labels[role]).map(
          (role) => `${key}: ${role} is "${branches.get(role)}", roles.${role} is "${labels[role]}"`,
        ),
      ),
    );
    expect(mismatches).toEqual([]);
  });

  it("the role validation message names every role by its label or its code", () => {
    const message = (tree.validation as { roleInvalid: string }).roleInvalid.toLowerCase();
    const unnamed = ROLES.filter(
      (role) => !message.includes(labels[role].toLowerCase()) && !new RegExp(`\\b${role}\\b`).test(message),
    );
    expect(unnamed).toEqual([]);
  });
});
