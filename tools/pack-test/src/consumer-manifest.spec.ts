import { describe, expect, it } from 'vitest';
import { pointAtTarballs } from './consumer-manifest.js';

const tarballs = new Map([
  ['@douyin-kit/douyin-client', '/tmp/t/douyin-kit-douyin-client-0.1.0.tgz'],
  ['@douyin-kit/contracts', '/tmp/t/douyin-kit-contracts-0.1.0.tgz'],
]);

describe('pointAtTarballs', () => {
  it('points kit dependencies at their tarballs and leaves the others alone', () => {
    const manifest = pointAtTarballs(
      {
        name: 'consumer',
        scripts: { test: 'node x.mjs' },
        dependencies: { '@douyin-kit/douyin-client': '*', axios: '1.21.1' },
        devDependencies: { '@douyin-kit/contracts': '0.1.0', typescript: '5.9.3' },
      },
      tarballs,
    );
    expect(manifest).toEqual({
      name: 'consumer',
      scripts: { test: 'node x.mjs' },
      dependencies: { '@douyin-kit/douyin-client': 'file:/tmp/t/douyin-kit-douyin-client-0.1.0.tgz', axios: '1.21.1' },
      devDependencies: { '@douyin-kit/contracts': 'file:/tmp/t/douyin-kit-contracts-0.1.0.tgz', typescript: '5.9.3' },
      overrides: {
        '@douyin-kit/douyin-client': 'file:/tmp/t/douyin-kit-douyin-client-0.1.0.tgz',
        '@douyin-kit/contracts': 'file:/tmp/t/douyin-kit-contracts-0.1.0.tgz',
      },
    });
  });

  it('overrides every packed package, also those only reached through another package, keeping existing overrides', () => {
    const manifest = pointAtTarballs({ dependencies: { '@douyin-kit/douyin-client': '*' }, overrides: { semver: '7.7.3' } }, tarballs);
    expect(manifest.overrides).toEqual({
      semver: '7.7.3',
      '@douyin-kit/douyin-client': 'file:/tmp/t/douyin-kit-douyin-client-0.1.0.tgz',
      '@douyin-kit/contracts': 'file:/tmp/t/douyin-kit-contracts-0.1.0.tgz',
    });
  });

  it('refuses a kit dependency that was not packed', () => {
    expect(() => pointAtTarballs({ name: 'consumer', devDependencies: { '@douyin-kit/test-infra': '*' } }, tarballs)).toThrow(
      /consumer depends on @douyin-kit\/test-infra, which is not a publishable package/,
    );
  });
});
