import { useEffect } from 'react'

// Only the part of @tarojs/taro the app uses; tests set `request`'s behaviour per case.
export const request = jest.fn()

export function useLoad(callback: (params: Record<string, string>) => void) {
  useEffect(() => callback({}), [])
}

const Taro = { request }
export default Taro
