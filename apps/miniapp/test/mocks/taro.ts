import { useEffect } from 'react'

// Only the part of @tarojs/taro the app uses; tests set each API's behaviour per case.
export const request = jest.fn()
export const login = jest.fn()
export const getUserProfile = jest.fn()
export const getSystemInfo = jest.fn()
export const chooseAddress = jest.fn()
export const getLocation = jest.fn()
export const requestSubscribeMessage = jest.fn()
export const navigateTo = jest.fn(() => Promise.resolve({ errMsg: 'navigateTo:ok' }))
export const showToast = jest.fn(() => Promise.resolve({ errMsg: 'showToast:ok' }))
export const showModal = jest.fn()
// Privacy APIs are callback-style on the host (Taro does not promisify them).
export const getPrivacySetting = jest.fn()
export const openPrivacyContract = jest.fn()
export const onNeedPrivacyAuthorization = jest.fn()

// Storage is a real in-memory map (jest's clearMocks keeps these implementations).
const storage = new Map<string, unknown>()
export const getStorageSync = jest.fn((key: string) => (storage.has(key) ? storage.get(key) : ''))
export const setStorageSync = jest.fn((key: string, value: unknown) => void storage.set(key, value))
export const removeStorageSync = jest.fn((key: string) => void storage.delete(key))
export const clearStorage = () => storage.clear()

export function useLoad(callback: (params: Record<string, string>) => void) {
  useEffect(() => callback({}), [])
}

export function useLaunch(callback: () => void) {
  useEffect(() => callback(), [])
}

const Taro = {
  request,
  login,
  getUserProfile,
  getSystemInfo,
  chooseAddress,
  getLocation,
  requestSubscribeMessage,
  navigateTo,
  showToast,
  showModal,
  getPrivacySetting,
  openPrivacyContract,
  onNeedPrivacyAuthorization,
  getStorageSync,
  setStorageSync,
  removeStorageSync
}
export default Taro
