import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** One module reference in a source file: what it names, and where (1-based line). */
export interface ModuleReference {
  file: string;
  line: number;
  /** As written: "../chat/message.js", "@slack/bolt". */
  specifier: string;
  /** Relative specifiers resolved to a repository path without extension ("src/chat/message"); packages as written. */
  target: string;
  kind: "import" | "import type" | "export" | "dynamic import" | "type import()" | "require";
}

/** A reach into the database other than by import: `ctx.deps.db`, `deps.db.person.findMany`. */
export interface DatabaseReach {
  file: string;
  line: number;
  text: string;
}

export function sourceFiles(root: string, dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts"))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/**
 * Every module a file refers to, read with the TypeScript parser rather than by lines, so
 * multi-line and type-only imports, re-exports, dynamic `import()`, `import("…").Type` and
 * `require` all count.
 */
export function moduleReferences(root: string, file: string): ModuleReference[] {
  const text = readFileSync(path.join(root, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: ModuleReference[] = [];
  const add = (node: ts.Node, literal: ts.Expression | undefined, kind: ModuleReference["kind"]) => {
    if (!literal || !ts.isStringLiteralLike(literal)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ file, line, specifier: literal.text, target: resolveTarget(file, literal.text), kind });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node, node.moduleSpecifier, node.importClause?.isTypeOnly ? "import type" : "import");
    else if (ts.isExportDeclaration(node)) add(node, node.moduleSpecifier, "export");
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node, node.moduleReference.expression, "require");
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal, "type import()");
    else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0], "dynamic import");
      else if (ts.isIdentifier(node.expression) && node.expression.text === "require") add(node, node.arguments[0], "require");
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Property chains that read the database handle off the core dependencies (`….deps.db`, `deps.db`). */
export function databaseReaches(root: string, file: string): DatabaseReach[] {
  const text = readFileSync(path.join(root, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: DatabaseReach[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && node.name.text === "db" && endsInDeps(node.expression)) {
      found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text: node.getText(source) });
    }
    // Destructuring `const { db } = ctx.deps` reads it too.
    if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && node.initializer && endsInDeps(node.initializer)) {
      if (node.name.elements.some((e) => (e.propertyName ?? e.name).getText(source) === "db")) {
        found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text: node.getText(source) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

// The Prisma client's own methods, on the client or a transaction.
const CLIENT_METHODS = new Set(["$transaction", "$queryRaw", "$queryRawUnsafe", "$executeRaw", "$executeRawUnsafe", "$queryRawTyped"]);

/**
 * Calls that query the database whatever the handle is called (`db.person.findMany(…)`,
 * a tagged `tx.$queryRaw`, `turn.db.teamsConversation` and `.upsert(…)` on the next line): a model delegate of the schema
 * (`delegates`, lowerCamel model names) followed by a method, or one of the client's `$` methods.
 */
export function databaseQueries(root: string, file: string, delegates: ReadonlySet<string>): DatabaseReach[] {
  const text = readFileSync(path.join(root, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: DatabaseReach[] = [];
  const visit = (node: ts.Node): void => {
    const called = ts.isCallExpression(node) ? node.expression : ts.isTaggedTemplateExpression(node) ? node.tag : undefined;
    if (called && ts.isPropertyAccessExpression(called)) {
      const delegate = called.expression;
      const isDelegateCall = ts.isPropertyAccessExpression(delegate) && delegates.has(delegate.name.text);
      if (isDelegateCall || CLIENT_METHODS.has(called.name.text)) {
        found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text: called.getText(source).replace(/\s+/g, "") });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function endsInDeps(expression: ts.Expression): boolean {
  if (ts.isIdentifier(expression)) return expression.text === "deps";
  return ts.isPropertyAccessExpression(expression) && expression.name.text === "deps";
}

function resolveTarget(file: string, specifier: string): string {
  if (!specifier.startsWith(".")) return specifier;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file.split(path.sep).join("/")), specifier)).replace(/\.(js|ts|mjs)$/, "").replace(/\/index$/, "");
}

/** A rule of the house: files under `from` may not refer to what `forbidden` matches. */
export interface BoundaryRule {
  name: string;
  from: string;
  forbidden: (reference: ModuleReference) => boolean;
}

export interface Violation {
  rule: string;
  where: string;
  what: string;
}

/** Where the database may not be reached other than through core: what reads the handle, what queries. */
export interface DatabaseRule {
  /** Directories where no file reads `deps.db` (chat: its context carries no client). */
  noHandleIn: string[];
  /** Directories where no file queries the database itself (chat and the platforms). */
  noQueriesIn: string[];
  /** The schema's model delegates (`person`, `teamsConversation`, …). */
  delegates: ReadonlySet<string>;
}

/** Every broken rule in the tree under `root`: imports by rule, and reaches into the database. */
export function boundaryViolations(root: string, rules: BoundaryRule[], database: DatabaseRule): Violation[] {
  const violations: Violation[] = [];
  for (const rule of rules) {
    for (const file of sourceFiles(root, rule.from)) {
      for (const ref of moduleReferences(root, file)) {
        if (rule.forbidden(ref)) violations.push({ rule: rule.name, where: `${ref.file}:${ref.line}`, what: `${ref.kind} "${ref.specifier}"` });
      }
    }
  }
  for (const dir of database.noHandleIn) {
    for (const file of sourceFiles(root, dir)) {
      for (const reach of databaseReaches(root, file)) violations.push({ rule: `${dir} reaches data only through core`, where: `${reach.file}:${reach.line}`, what: reach.text });
    }
  }
  for (const dir of database.noQueriesIn) {
    for (const file of sourceFiles(root, dir)) {
      for (const query of databaseQueries(root, file, database.delegates)) violations.push({ rule: `${dir} queries the database only through core`, where: `${query.file}:${query.line}`, what: query.text });
    }
  }
  return violations;
}
