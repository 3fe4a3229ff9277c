/**
 * The Email Activity Feed's query language, as far as the app and tests need it:
 *
 *   to_email="ana@example.com"
 *   unique_args['reference']="job_42" AND status="delivered"
 *   msg_id LIKE 'abc%'   subject!="x"   status IN ("processed","delivered")   NOT (...)
 *   last_event_time BETWEEN TIMESTAMP "2026-03-01T00:00:00Z" AND TIMESTAMP "2026-03-02T00:00:00Z"
 *   last_event_time>=TIMESTAMP "2026-03-01T00:00:00Z"   opens_count>0
 *
 * Fields: msg_id, from_email, subject, to_email, status, template_id, categories (matches when
 * any category does), unique_args['<key>'], last_event_time, opens_count, clicks_count.
 * AND binds tighter than OR. Anything else is a 400 naming what was not understood.
 */
export interface ActivityRow {
  msg_id: string;
  from_email: string;
  subject: string;
  to_email: string;
  status: "processed" | "delivered" | "not_delivered";
  opens_count: number;
  clicks_count: number;
  /** Unix ms. */
  last_event_time: number;
  template_id: string | null;
  categories: string[];
  unique_args: Record<string, string>;
}

export class ActivityQueryError extends Error {}

type Token =
  | { kind: "word"; text: string }
  | { kind: "string"; text: string }
  | { kind: "number"; value: number }
  | { kind: "op"; text: string };

type Value = { kind: "string"; text: string } | { kind: "time"; ms: number } | { kind: "number"; value: number };

type Field = { name: string; key?: string };

type Node =
  | { kind: "and" | "or"; left: Node; right: Node }
  | { kind: "not"; inner: Node }
  | { kind: "compare"; field: Field; op: string; values: Value[] };

const STRING_FIELDS = new Set(["msg_id", "from_email", "subject", "to_email", "status", "template_id", "categories", "unique_args"]);
const NUMBER_FIELDS = new Set(["opens_count", "clicks_count"]);
const TIME_FIELDS = new Set(["last_event_time"]);
const CASE_INSENSITIVE = new Set(["from_email", "to_email"]);

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < query.length) {
    const char = query[index] as string;
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === '"' || char === "'") {
      let text = "";
      index += 1;
      while (index < query.length && query[index] !== char) {
        if (query[index] === "\\" && index + 1 < query.length) index += 1;
        text += query[index];
        index += 1;
      }
      if (index >= query.length) throw new ActivityQueryError(`unterminated string starting with ${char}${text.slice(0, 20)}`);
      index += 1;
      tokens.push({ kind: "string", text });
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(query.slice(index)) as RegExpExecArray;
      tokens.push({ kind: "word", text: match[0] });
      index += match[0].length;
    } else if (/[0-9]/.test(char)) {
      const match = /^[0-9]+(\.[0-9]+)?/.exec(query.slice(index)) as RegExpExecArray;
      tokens.push({ kind: "number", value: Number(match[0]) });
      index += match[0].length;
    } else {
      const op = ["!=", "<>", ">=", "<=", "=", ">", "<", "(", ")", ",", "[", "]"].find((candidate) => query.startsWith(candidate, index));
      if (op === undefined) throw new ActivityQueryError(`unexpected character ${char} at position ${index}`);
      tokens.push({ kind: "op", text: op === "<>" ? "!=" : op });
      index += op.length;
    }
  }
  return tokens;
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.or();
    const rest = this.tokens[this.position];
    if (rest !== undefined) throw new ActivityQueryError(`unexpected ${describe(rest)} after a complete condition`);
    return node;
  }

  private peekWord(word: string): boolean {
    const token = this.tokens[this.position];
    return token?.kind === "word" && token.text.toUpperCase() === word;
  }

  private peekOp(op: string): boolean {
    const token = this.tokens[this.position];
    return token?.kind === "op" && token.text === op;
  }

  private expectOp(op: string): void {
    if (!this.peekOp(op)) throw new ActivityQueryError(`expected ${op} but found ${describe(this.tokens[this.position])}`);
    this.position += 1;
  }

  private or(): Node {
    let node = this.and();
    while (this.peekWord("OR")) {
      this.position += 1;
      node = { kind: "or", left: node, right: this.and() };
    }
    return node;
  }

  private and(): Node {
    let node = this.unary();
    while (this.peekWord("AND")) {
      this.position += 1;
      node = { kind: "and", left: node, right: this.unary() };
    }
    return node;
  }

  private unary(): Node {
    if (this.peekWord("NOT")) {
      this.position += 1;
      return { kind: "not", inner: this.unary() };
    }
    if (this.peekOp("(")) {
      this.position += 1;
      const inner = this.or();
      this.expectOp(")");
      return inner;
    }
    return this.comparison();
  }

  private field(): Field {
    const token = this.tokens[this.position];
    if (token?.kind !== "word") throw new ActivityQueryError(`expected a field name but found ${describe(token)}`);
    this.position += 1;
    const name = token.text.toLowerCase();
    if (!STRING_FIELDS.has(name) && !NUMBER_FIELDS.has(name) && !TIME_FIELDS.has(name)) {
      throw new ActivityQueryError(`unknown field ${token.text}`);
    }
    if (name !== "unique_args") return { name };
    this.expectOp("[");
    const key = this.tokens[this.position];
    if (key?.kind !== "string") throw new ActivityQueryError("unique_args needs a quoted key, e.g. unique_args['reference']");
    this.position += 1;
    this.expectOp("]");
    return { name, key: key.text };
  }

  private value(): Value {
    const token = this.tokens[this.position];
    if (token?.kind === "word" && token.text.toUpperCase() === "TIMESTAMP") {
      this.position += 1;
      const literal = this.tokens[this.position];
      if (literal?.kind !== "string") throw new ActivityQueryError("TIMESTAMP needs a quoted ISO 8601 time");
      this.position += 1;
      const ms = Date.parse(literal.text);
      if (Number.isNaN(ms)) throw new ActivityQueryError(`${literal.text} is not an ISO 8601 time`);
      return { kind: "time", ms };
    }
    if (token?.kind === "string") {
      this.position += 1;
      return { kind: "string", text: token.text };
    }
    if (token?.kind === "number") {
      this.position += 1;
      return { kind: "number", value: token.value };
    }
    throw new ActivityQueryError(`expected a quoted value but found ${describe(token)}`);
  }

  private comparison(): Node {
    return checkComparison(this.rawComparison());
  }

  private rawComparison(): Node & { kind: "compare" } {
    const field = this.field();
    const token = this.tokens[this.position];
    if (token?.kind === "op" && ["=", "!=", ">", "<", ">=", "<="].includes(token.text)) {
      this.position += 1;
      return { kind: "compare", field, op: token.text, values: [this.value()] };
    }
    if (this.peekWord("LIKE")) {
      this.position += 1;
      return { kind: "compare", field, op: "LIKE", values: [this.value()] };
    }
    if (this.peekWord("IN")) {
      this.position += 1;
      this.expectOp("(");
      const values = [this.value()];
      while (this.peekOp(",")) {
        this.position += 1;
        values.push(this.value());
      }
      this.expectOp(")");
      return { kind: "compare", field, op: "IN", values };
    }
    if (this.peekWord("BETWEEN")) {
      this.position += 1;
      const low = this.value();
      if (!this.peekWord("AND")) throw new ActivityQueryError("BETWEEN needs AND between its two values");
      this.position += 1;
      return { kind: "compare", field, op: "BETWEEN", values: [low, this.value()] };
    }
    throw new ActivityQueryError(`expected an operator after ${field.name} but found ${describe(token)}`);
  }
}

const TEXT_OPS = new Set(["=", "!=", "IN", "LIKE"]);
const ORDERED_OPS = new Set(["=", "!=", ">", "<", ">=", "<=", "BETWEEN", "IN"]);

/** Type errors surface when the query is parsed, not only once a message happens to match. */
function checkComparison(node: Node & { kind: "compare" }): Node {
  const { field, op, values } = node;
  const [kind, ops, hint] = TIME_FIELDS.has(field.name)
    ? (["time", ORDERED_OPS, 'TIMESTAMP "<ISO 8601>"'] as const)
    : NUMBER_FIELDS.has(field.name)
      ? (["number", ORDERED_OPS, "a number"] as const)
      : (["string", TEXT_OPS, "a quoted value"] as const);
  if (!ops.has(op)) throw new ActivityQueryError(`${op} does not apply to ${field.name}`);
  if (values.some((value) => value.kind !== kind)) throw new ActivityQueryError(`${field.name} compares with ${hint}`);
  return node;
}

function describe(token: Token | undefined): string {
  if (token === undefined) return "the end of the query";
  if (token.kind === "number") return String(token.value);
  return token.kind === "string" ? `"${token.text}"` : token.text;
}

function likeToRegExp(pattern: string, flags: string): RegExp {
  const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replaceAll("%", ".*").replaceAll("_", ".");
  return new RegExp(`^${source}$`, flags);
}

function compareStrings(candidates: string[], op: string, values: Value[], caseInsensitive: boolean): boolean {
  const normalize = (text: string) => (caseInsensitive ? text.toLowerCase() : text);
  const texts = values.map((value) => {
    if (value.kind !== "string") throw new ActivityQueryError("text fields compare with quoted values");
    return normalize(value.text);
  });
  const haystack = candidates.map(normalize);
  switch (op) {
    case "=":
      return haystack.includes(texts[0] as string);
    case "!=":
      return !haystack.includes(texts[0] as string);
    case "IN":
      return haystack.some((candidate) => texts.includes(candidate));
    case "LIKE": {
      const pattern = likeToRegExp(texts[0] as string, caseInsensitive ? "i" : "");
      return haystack.some((candidate) => pattern.test(candidate));
    }
    default:
      throw new ActivityQueryError(`${op} does not apply to text fields`);
  }
}

function compareOrdered(actual: number, op: string, values: Value[], kind: "time" | "number"): boolean {
  const numbers = values.map((value) => {
    if (kind === "time" && value.kind === "time") return value.ms;
    if (kind === "number" && value.kind === "number") return value.value;
    throw new ActivityQueryError(kind === "time" ? 'last_event_time compares with TIMESTAMP "<ISO 8601>"' : "counts compare with numbers");
  });
  const [first = 0, second = 0] = numbers;
  switch (op) {
    case "=":
      return actual === first;
    case "!=":
      return actual !== first;
    case ">":
      return actual > first;
    case "<":
      return actual < first;
    case ">=":
      return actual >= first;
    case "<=":
      return actual <= first;
    case "BETWEEN":
      return actual >= first && actual <= second;
    case "IN":
      return numbers.includes(actual);
    default:
      throw new ActivityQueryError(`${op} does not apply to ${kind === "time" ? "times" : "counts"}`);
  }
}

function evaluate(node: Node, row: ActivityRow): boolean {
  switch (node.kind) {
    case "and":
      return evaluate(node.left, row) && evaluate(node.right, row);
    case "or":
      return evaluate(node.left, row) || evaluate(node.right, row);
    case "not":
      return !evaluate(node.inner, row);
    case "compare": {
      const { field, op, values } = node;
      if (TIME_FIELDS.has(field.name)) return compareOrdered(Math.floor(row.last_event_time / 1000) * 1000, op, values, "time");
      if (NUMBER_FIELDS.has(field.name)) return compareOrdered(row[field.name as "opens_count" | "clicks_count"], op, values, "number");
      const candidates =
        field.name === "categories"
          ? row.categories
          : field.name === "unique_args"
            ? [row.unique_args[field.key as string]].filter((value): value is string => value !== undefined)
            : [row[field.name as "msg_id"] ?? ""];
      // A missing unique arg equals nothing and differs from everything.
      if (candidates.length === 0) return op === "!=";
      return compareStrings(candidates, op, values, CASE_INSENSITIVE.has(field.name));
    }
  }
}

/** Parses once; the returned predicate is applied to each message row. */
export function compileActivityQuery(query: string): (row: ActivityRow) => boolean {
  if (query.trim() === "") return () => true;
  const node = new Parser(tokenize(query)).parse();
  return (row) => evaluate(node, row);
}
