/**
 * @jest-environment node
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { projectSetting } = require('../../config/project-config-plugin') as typeof import('../../config/project-config-plugin')

describe('DevTools urlCheck per build (config/project-config-plugin.js)', () => {
  it('is on only for a non-development build whose API is https', () => {
    expect(projectSetting({ development: false, apiBase: 'https://api.example.com' })).toEqual({ urlCheck: true })
    expect(projectSetting({ development: false, apiBase: 'http://127.0.0.1:3000' })).toEqual({ urlCheck: false })
    expect(projectSetting({ development: true, apiBase: 'https://api.example.com' })).toEqual({ urlCheck: false })
  })
})
