/**
 * Compares a live PostgreSQL schema with `schema.prisma` (through Prisma's DMMF) and lists
 * every difference: tables, columns, types, nullability, defaults, enums, unique and plain
 * indexes, primary and foreign keys. Prisma's own `migrate diff` needs the schema engine,
 * which cannot be downloaded on offline machines, hence this reader of pg_catalog.
 */
import { readFileSync } from 'node:fs';
import { getDMMF, type GetDMMFError } from '@prisma/get-dmmf';
import type { Client } from 'pg';

export type DmmfDatamodel = Exclude<ReturnType<typeof getDMMF>, GetDMMFError>['datamodel'];
type DmmfModel = DmmfDatamodel['models'][number];
type DmmfField = DmmfModel['fields'][number];

/** The database's own description of one table. */
interface LiveTable {
  columns: Map<string, { type: string; notNull: boolean; default: string | null }>;
  primaryKey: string | null;
  uniques: Set<string>;
  indexes: Set<string>;
  foreignKeys: Set<string>;
}

/** Prisma's types when no @db attribute is given (postgresql connector). */
const DEFAULT_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};

const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Uuid: () => 'uuid',
  Text: () => 'text',
  VarChar: (a) => (a[0] ? `character varying(${a[0]})` : 'character varying'),
  Char: (a) => `character(${a[0] ?? 1})`,
  SmallInt: () => 'smallint',
  Integer: () => 'integer',
  BigInt: () => 'bigint',
  DoublePrecision: () => 'double precision',
  Real: () => 'real',
  Decimal: (a) => (a.length ? `numeric(${a.join(',')})` : 'numeric'),
  Boolean: () => 'boolean',
  Timestamptz: (a) => `timestamp(${a[0] ?? 6}) with time zone`,
  Timestamp: (a) => `timestamp(${a[0] ?? 6}) without time zone`,
  Date: () => 'date',
  JsonB: () => 'jsonb',
  Json: () => 'json',
  ByteA: () => 'bytea',
  Inet: () => 'inet',
};

const FK_ACTIONS: Record<string, string> = { a: 'NoAction', r: 'Restrict', c: 'Cascade', n: 'SetNull', d: 'SetDefault' };

/** Reads a Prisma schema file through Prisma's own parser (a wasm module: works offline). */
export function loadDatamodel(schemaPath: string): DmmfDatamodel {
  const result = getDMMF({ datamodel: readFileSync(schemaPath, 'utf8') });
  if (!('datamodel' in result)) throw new Error(`Cannot read ${schemaPath}: ${result.reason}`);
  return result.datamodel;
}

/** Every difference between the live schema and the datamodel; empty when they match. */
export async function findSchemaDrift(datamodel: DmmfDatamodel, client: Client): Promise<string[]> {
  const live = await readLiveSchema(client);
  const liveEnums = await readLiveEnums(client);
  const problems: string[] = [];
  const tableOf = (modelName: string) => {
    const model = datamodel.models.find((m) => m.name === modelName);
    return model?.dbName ?? modelName;
  };

  for (const model of datamodel.models) {
    const table = model.dbName ?? model.name;
    const actual = live.get(table);
    if (!actual) {
      problems.push(`table ${table} (model ${model.name}) is missing`);
      continue;
    }
    problems.push(...compareColumns(model, table, actual, datamodel));
    problems.push(...compareKeys(model, table, actual, datamodel, tableOf));
    live.delete(table);
  }
  for (const table of live.keys()) problems.push(`table ${table} exists but no model maps to it`);

  for (const en of datamodel.enums) {
    const name = en.dbName ?? en.name;
    const expected = en.values.map((v) => v.dbName ?? v.name).join(',');
    const actual = liveEnums.get(name);
    if (actual === undefined) problems.push(`enum ${name} is missing`);
    else if (actual !== expected) problems.push(`enum ${name}: expected values ${expected}, found ${actual}`);
    liveEnums.delete(name);
  }
  for (const name of liveEnums.keys()) problems.push(`enum ${name} exists but no enum maps to it`);
  return problems.sort();
}

function columnOf(model: DmmfModel, fieldName: string): string {
  const field = model.fields.find((f) => f.name === fieldName);
  return field?.dbName ?? fieldName;
}

function expectedType(field: DmmfField, datamodel: DmmfDatamodel): string {
  let type: string;
  if (field.kind === 'enum') {
    const en = datamodel.enums.find((e) => e.name === field.type);
    type = en?.dbName ?? field.type;
  } else if (field.nativeType) {
    const [name, args] = field.nativeType as [string, string[]];
    const render = NATIVE_TYPES[name];
    type = render ? render(args) : `unknown native type ${name}`;
  } else {
    type = DEFAULT_TYPES[field.type] ?? `unknown type ${field.type}`;
  }
  return field.isList ? `${type}[]` : type;
}

/** The database default Prisma writes for a field, normalised; undefined when none. */
function expectedDefault(field: DmmfField): string | undefined {
  if (!field.hasDefaultValue) return undefined;
  const value = field.default as unknown;
  if (value && typeof value === 'object' && 'name' in value) {
    const fn = value as { name: string; args: unknown[] };
    if (fn.name === 'now') return 'CURRENT_TIMESTAMP';
    if (fn.name === 'dbgenerated') return String(fn.args[0]);
    if (fn.name === 'autoincrement') return 'nextval(...)';
    return undefined; // uuid(), cuid(), nanoid(): generated by the client, no database default
  }
  return Array.isArray(value) ? `{${value.join(',')}}` : String(value);
}

function normaliseDefault(expression: string | null): string | undefined {
  if (expression === null) return undefined;
  if (expression.startsWith('nextval(')) return 'nextval(...)';
  return expression.replace(/::[a-z_ ]+(\([\d,]+\))?(\[\])?/g, '').replace(/^'(.*)'$/, '$1');
}

function compareColumns(model: DmmfModel, table: string, actual: LiveTable, datamodel: DmmfDatamodel): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const field of model.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum')) {
    const column = field.dbName ?? field.name;
    seen.add(column);
    const live = actual.columns.get(column);
    if (!live) {
      problems.push(`column ${table}.${column} is missing`);
      continue;
    }
    const type = expectedType(field, datamodel);
    if (live.type !== type) problems.push(`column ${table}.${column}: expected type ${type}, found ${live.type}`);
    // Prisma marks scalar lists required, but its migrations create them as nullable arrays.
    const notNull = field.isRequired && !field.isList;
    if (live.notNull !== notNull) {
      problems.push(`column ${table}.${column}: expected ${notNull ? 'NOT NULL' : 'nullable'}`);
    }
    const wanted = expectedDefault(field);
    const found = normaliseDefault(live.default);
    if (wanted !== found) {
      problems.push(`column ${table}.${column}: expected default ${wanted ?? '(none)'}, found ${found ?? '(none)'}`);
    }
  }
  for (const column of actual.columns.keys()) {
    if (!seen.has(column)) problems.push(`column ${table}.${column} exists but no field maps to it`);
  }
  return problems;
}

function compareKeys(model: DmmfModel, table: string, actual: LiveTable, datamodel: DmmfDatamodel, tableOf: (model: string) => string): string[] {
  const problems: string[] = [];
  const cols = (fields: readonly string[]) => fields.map((f) => columnOf(model, f)).join(',');
  const ofModel = datamodel.indexes.filter((index) => index.model === model.name);

  const primary = ofModel.find((index) => index.type === 'id');
  const expectedPk = primary ? cols(primary.fields.map((f) => f.name)) : null;
  if (expectedPk !== actual.primaryKey) {
    problems.push(`${table}: expected primary key (${expectedPk ?? 'none'}), found (${actual.primaryKey ?? 'none'})`);
  }

  const diffSets = (kind: string, expected: Set<string>, found: Set<string>) => {
    for (const key of expected) if (!found.has(key)) problems.push(`${table}: ${kind} (${key}) is missing`);
    for (const key of found) if (!expected.has(key)) problems.push(`${table}: ${kind} (${key}) exists but is not in the schema`);
  };
  const byType = (type: string) => new Set(ofModel.filter((i) => i.type === type).map((i) => cols(i.fields.map((f) => f.name))));
  diffSets('unique index', byType('unique'), actual.uniques);
  diffSets('index', byType('normal'), actual.indexes);

  const foreignKeys = new Set<string>();
  for (const field of model.fields) {
    if (field.kind !== 'object' || !field.relationFromFields?.length) continue;
    const target = datamodel.models.find((m) => m.name === field.type)!;
    const onDelete = field.relationOnDelete ?? (field.isRequired ? 'Restrict' : 'SetNull');
    const onUpdate = field.relationOnUpdate ?? 'Cascade';
    foreignKeys.add(
      `${cols(field.relationFromFields)} -> ${tableOf(field.type)}(${(field.relationToFields ?? []).map((f) => columnOf(target, f)).join(',')}) ` +
        `on delete ${onDelete} on update ${onUpdate}`,
    );
  }
  diffSets('foreign key', foreignKeys, actual.foreignKeys);
  return problems;
}

async function readLiveSchema(client: Client): Promise<Map<string, LiveTable>> {
  const tables = new Map<string, LiveTable>();
  const table = (name: string) => {
    let entry = tables.get(name);
    if (!entry) {
      entry = { columns: new Map(), primaryKey: null, uniques: new Set(), indexes: new Set(), foreignKeys: new Set() };
      tables.set(name, entry);
    }
    return entry;
  };

  const columns = await client.query<{ table: string; column: string; type: string; not_null: boolean; default: string | null }>(`
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
           a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
    WHERE c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'`);
  for (const row of columns.rows) {
    table(row.table).columns.set(row.column, { type: row.type, notNull: row.not_null, default: row.default });
  }

  const indexes = await client.query<{ table: string; columns: string; is_unique: boolean; is_primary: boolean }>(`
    SELECT t.relname AS table, i.indisunique AS is_unique, i.indisprimary AS is_primary,
           (SELECT string_agg(a.attname, ',' ORDER BY k.ord)
              FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS columns
    FROM pg_index i
    JOIN pg_class t ON t.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
    WHERE t.relname <> '_prisma_migrations'`);
  for (const row of indexes.rows) {
    const entry = table(row.table);
    if (row.is_primary) entry.primaryKey = row.columns;
    else if (row.is_unique) entry.uniques.add(row.columns);
    else entry.indexes.add(row.columns);
  }

  const foreignKeys = await client.query<{ table: string; columns: string; target: string; target_columns: string; del: string; upd: string }>(`
    SELECT t.relname AS table, r.relname AS target, c.confdeltype AS del, c.confupdtype AS upd,
           (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
           (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS target_columns
    FROM pg_constraint c
    JOIN pg_class t ON t.oid = c.conrelid
    JOIN pg_class r ON r.oid = c.confrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
    WHERE c.contype = 'f'`);
  for (const row of foreignKeys.rows) {
    table(row.table).foreignKeys.add(
      `${row.columns} -> ${row.target}(${row.target_columns}) on delete ${FK_ACTIONS[row.del]} on update ${FK_ACTIONS[row.upd]}`,
    );
  }
  return tables;
}

async function readLiveEnums(client: Client): Promise<Map<string, string>> {
  const result = await client.query<{ name: string; values: string }>(`
    SELECT t.typname AS name, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS values
    FROM pg_type t
    JOIN pg_enum e ON e.enumtypid = t.oid
    JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = current_schema()
    GROUP BY t.typname`);
  return new Map(result.rows.map((row) => [row.name, row.values]));
}
