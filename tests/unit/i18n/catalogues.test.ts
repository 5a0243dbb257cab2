import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/config";
import { DYNAMIC_KEYS, KEY_SCOPES, KEYS_AS_DATA } from "@/lib/i18n/dynamic-keys";

/**
 * The message catalogues against each other and against the code: every language has exactly
 * English's keys, every message is valid ICU with English's arguments and tags, and every key is
 * read somewhere (statically, or through a prefix declared in lib/i18n/dynamic-keys.ts).
 */

const root = path.resolve(__dirname, "../../..");
const messagesDir = path.join(root, "lib/i18n/messages");
type Tree = { [key: string]: string | Tree };

const catalogue = (locale: string): Tree => JSON.parse(readFileSync(path.join(messagesDir, `${locale}.json`), "utf8"));

/** Every leaf of a catalogue as "a.b.c" → message. */
function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of leaves(value, full)) out.set(k, v);
  }
  return out;
}

const en = leaves(catalogue("en"));
const enKeys = [...en.keys()];
/** "a", "a.b" … for every leaf "a.b.c": the subtrees a key prefix may name. */
const subtrees = new Set(
  enKeys.flatMap((key) =>
    key
      .split(".")
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join(".")),
  ),
);
const isSubtree = (key: string) => key === "" || subtrees.has(key);
const leavesUnder = (prefix: string) => enKeys.filter((key) => key === prefix || key.startsWith(`${prefix}.`));

// Every locale Kiln ships, and any messages file not (yet) in LOCALES: a file on disk is checked too.
const files = readdirSync(messagesDir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -5));
const locales = [...new Set<string>([...LOCALES, ...files])].filter((l) => l !== "en");

// ---------------------------------------------------------------------------------------------
// ICU shape of a message: argument names, tags, select options, plural categories.

type Shape = {
  args: Set<string>;
  tags: Set<string>;
  selects: Map<string, Set<string>>;
  plurals: Map<string, Set<string>>;
};

function shapeOf(message: string): Shape {
  const shape: Shape = { args: new Set(), tags: new Set(), selects: new Map(), plurals: new Map() };
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.tag) {
        shape.tags.add(el.value);
        walk(el.children);
      } else if (el.type === TYPE.select || el.type === TYPE.plural) {
        shape.args.add(el.value);
        const bucket = el.type === TYPE.select ? shape.selects : shape.plurals;
        const options = bucket.get(el.value) ?? new Set<string>();
        for (const [option, { value }] of Object.entries(el.options)) {
          options.add(option);
          walk(value);
        }
        bucket.set(el.value, options);
      } else if (el.type !== TYPE.literal && el.type !== TYPE.pound) {
        shape.args.add(el.value);
      }
    }
  };
  walk(parse(message));
  return shape;
}

const sorted = (set: Iterable<string>) => [...set].sort().join(", ");

/** What is wrong with `message` (in `locale`) against English's `reference`, or []. */
function icuProblems(locale: string, message: string, reference: string): string[] {
  let shape: Shape;
  try {
    shape = shapeOf(message);
  } catch (error) {
    return [`not valid ICU: ${(error as Error).message}`];
  }
  const english = shapeOf(reference);
  const problems: string[] = [];
  if (sorted(shape.args) !== sorted(english.args))
    problems.push(`arguments {${sorted(shape.args)}}, English has {${sorted(english.args)}}`);
  if (sorted(shape.tags) !== sorted(english.tags))
    problems.push(`tags <${sorted(shape.tags)}>, English has <${sorted(english.tags)}>`);
  for (const [arg, options] of english.selects) {
    const own = shape.selects.get(arg);
    if (own && sorted(own) !== sorted(options))
      problems.push(`select {${arg}} has options ${sorted(own)}, English has ${sorted(options)}`);
  }
  // A plural English words only as `other` (and exact `=0`) reads the same for every count; one
  // that tells `one` from `other` needs every category of the locale (Hebrew adds `two`).
  const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  for (const [arg, options] of shape.plurals) {
    const distinguishes = [...(english.plurals.get(arg) ?? [])].some((o) => o !== "other" && !o.startsWith("="));
    const missing = [...new Set(["other", ...(distinguishes ? needed : [])])].filter(
      (category) => !options.has(category),
    );
    if (missing.length)
      problems.push(`plural {${arg}} lacks ${missing.join(", ")} (${locale} needs ${needed.join(", ")})`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Keys the code reads.

const SOURCE_DIRS = ["app", "components", "lib", "scripts"];
const EXCLUDED = new Set(["lib/i18n/dynamic-keys.ts"]);

const sources = SOURCE_DIRS.flatMap((dir) =>
  readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(ts|tsx|mts)$/.test(file) && !file.endsWith(".d.ts"))
    .map((file) => `${dir}/${file.split(path.sep).join("/")}`)
    .filter((file) => !EXCLUDED.has(file)),
).map((file) => ({ file, text: readFileSync(path.join(root, file), "utf8") }));

const KEY_SHAPE = /^[\w-]+(?:\.[\w-]+)*$/;
const TRANSLATOR_FACTORIES = new Set([
  "useTranslations",
  "getTranslations",
  "translatorFor",
  "translatorOver",
  "readerTranslator",
  "createTranslator",
]);

type Scan = {
  /** Every namespace the file's translators are scoped to ("" = the whole catalogue). */
  namespaces: Set<string>;
  /** Key-shaped string literals, with the namespaces they may be read in. */
  literals: [string, Set<string>][];
  /** Static heads of template literals (`heat.${level}` → "heat"), with their namespaces. */
  templateHeads: [string, Set<string>][];
};

const factoryName = (node: ts.Expression) => {
  const call = ts.isAwaitExpression(node) ? node.expression : node;
  return ts.isCallExpression(call) && ts.isIdentifier(call.expression) && TRANSLATOR_FACTORIES.has(call.expression.text)
    ? call
    : null;
};

/**
 * What a source file says about messages, read from its syntax tree. A literal passed straight to
 * a translator bound in the file (`const tl = useTranslations("leads")`, then `tl("x")`) is read in
 * that translator's namespaces; any other literal in every namespace the file uses.
 */
function scan(file: string, text: string): Scan {
  const kind = file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
  const namespaces = new Set<string>(KEY_SCOPES[file] ?? []);
  const bound = new Map<string, Set<string>>();
  const namespacesOfCall = (call: ts.CallExpression) => {
    const found = new Set<string>();
    for (const arg of call.arguments) {
      if (ts.isStringLiteralLike(arg) && subtrees.has(arg.text)) found.add(arg.text);
      if (ts.isObjectLiteralExpression(arg))
        for (const p of arg.properties)
          if (
            ts.isPropertyAssignment(p) &&
            p.name.getText(source) === "namespace" &&
            ts.isStringLiteralLike(p.initializer)
          )
            found.add(p.initializer.text);
    }
    const callee = (call.expression as ts.Identifier).text;
    if (!call.arguments.length && (callee === "useTranslations" || callee === "getTranslations")) found.add("");
    return found;
  };
  const bind = (node: ts.Node) => {
    if (ts.isCallExpression(node) && factoryName(node)) for (const ns of namespacesOfCall(node)) namespaces.add(ns);
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const call = factoryName(node.initializer);
      if (call) {
        const set = bound.get(node.name.text) ?? new Set<string>();
        for (const ns of namespacesOfCall(call)) set.add(ns);
        bound.set(node.name.text, set);
      }
    }
    ts.forEachChild(node, bind);
  };
  bind(source);

  const literals: Scan["literals"] = [];
  const templateHeads: Scan["templateHeads"] = [];
  const translatorOf = (call: ts.CallExpression) => {
    const callee = ts.isPropertyAccessExpression(call.expression) ? call.expression.expression : call.expression;
    return ts.isIdentifier(callee) ? bound.get(callee.text) : undefined;
  };
  const visit = (node: ts.Node, scope: Set<string>) => {
    if (ts.isStringLiteralLike(node) && KEY_SHAPE.test(node.text)) literals.push([node.text, scope]);
    else if (ts.isTemplateExpression(node)) {
      const head = node.head.text;
      if (head.endsWith(".") && KEY_SHAPE.test(head.slice(0, -1))) templateHeads.push([head.slice(0, -1), scope]);
    }
    if (ts.isCallExpression(node) && node.arguments.length) {
      const own = translatorOf(node);
      if (own) {
        visit(node.expression, scope);
        const [key, ...rest] = node.arguments;
        visit(key!, own);
        for (const arg of rest) visit(arg, scope);
        return;
      }
    }
    ts.forEachChild(node, (child) => visit(child, scope));
  };
  visit(source, namespaces);
  return { namespaces, literals, templateHeads };
}

const join = (ns: string, key: string) => (ns ? `${ns}.${key}` : key);
const used = new Set<string>();
/** Prefixes the code addresses with a template literal (`t(\`heat.${level}\`)`) → the files doing so. */
const dynamicPrefixes = new Map<string, Set<string>>();

for (const { file, text } of sources) {
  const { literals, templateHeads } = scan(file, text);
  for (const [literal, scope] of literals)
    for (const ns of [...scope, ...KEYS_AS_DATA]) if (en.has(join(ns, literal))) used.add(join(ns, literal));
  for (const [head, scope] of templateHeads)
    for (const ns of scope)
      if (subtrees.has(join(ns, head)))
        dynamicPrefixes.set(join(ns, head), (dynamicPrefixes.get(join(ns, head)) ?? new Set()).add(file));
}

const declared = Object.entries(DYNAMIC_KEYS) as [string, readonly string[]][];
for (const [prefix, members] of declared)
  for (const member of members) for (const key of leavesUnder(join(prefix, member))) used.add(key);

// ---------------------------------------------------------------------------------------------

describe("message catalogues", () => {
  it("ships a messages file for every locale in LOCALES", () => {
    expect(LOCALES.filter((locale) => !files.includes(locale))).toEqual([]);
  });

  it.each(locales)("%s has exactly English's keys", (locale) => {
    const own = leaves(catalogue(locale));
    const missing = enKeys.filter((key) => !own.has(key));
    const extra = [...own.keys()].filter((key) => !en.has(key));
    expect({ missing, extra }, `${locale}.json differs from en.json`).toEqual({ missing: [], extra: [] });
  });

  it.each(["en", ...locales])(
    "every %s message is valid ICU with English's arguments, tags and the plural forms the language needs",
    (locale) => {
      const own = leaves(catalogue(locale));
      const problems = [...own]
        .filter(([key]) => en.has(key))
        .flatMap(([key, message]) => icuProblems(locale, message, en.get(key)!).map((p) => `${key}: ${p}`));
      expect(problems).toEqual([]);
    },
  );
});

describe("message keys and the code", () => {
  it("declares in lib/i18n/dynamic-keys.ts every prefix the code completes at run time", () => {
    const undeclared = [...dynamicPrefixes]
      .filter(([prefix]) => !(prefix in DYNAMIC_KEYS))
      .map(([prefix, where]) => `${prefix}.* (${sorted(where)})`);
    expect(undeclared).toEqual([]);
  });

  it("scopes only source files that exist (a renamed renderer must be renamed in KEY_SCOPES)", () => {
    const scanned = new Set(sources.map(({ file }) => file));
    expect(Object.keys(KEY_SCOPES).filter((file) => !scanned.has(file))).toEqual([]);
  });

  it("has a message for every member of every dynamic prefix", () => {
    const missing = declared.flatMap(([prefix, members]) =>
      members
        .filter((member) => !en.has(join(prefix, member)) && !isSubtree(join(prefix, member)))
        .map((m) => join(prefix, m)),
    );
    expect(missing).toEqual([]);
  });

  it("uses every key of en.json somewhere in app/, components/, lib/ or scripts/", () => {
    expect(enKeys.filter((key) => !used.has(key))).toEqual([]);
  });
});
