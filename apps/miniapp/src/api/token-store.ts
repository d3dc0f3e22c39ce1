import Taro from '@tarojs/taro'

// Storage, not memory: the token outlives a page reload in DevTools and the H5 preview.
const KEY = 'douyin-kit:token'

export function readToken(): string | null {
  const value: unknown = Taro.getStorageSync(KEY)
  return typeof value === 'string' && value !== '' ? value : null
}

export function writeToken(token: string): void {
  Taro.setStorageSync(KEY, token)
}

export function clearToken(): void {
  Taro.removeStorageSync(KEY)
}
