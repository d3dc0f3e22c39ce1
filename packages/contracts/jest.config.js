/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  // Sources import siblings as './x.js' (what Node's ESM loader needs in dist/esm).
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};
