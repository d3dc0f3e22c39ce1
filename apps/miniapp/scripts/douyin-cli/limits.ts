/**
 * Douyin's package limits for mini-programs, as the official subpackage page states them
 * (developer.open-douyin.com/docs/resource/zh-CN/mini-app/develop/tutorial/basic-ability/subpackages/introduction):
 * all packages together at most 16 MB, the main package at most 4 MB ("for now, to ease
 * migration; it will come down to 2 MB"), each subpackage at most 2 MB. The page writes "M";
 * we read it as MiB, the unit DevTools reports in.
 */
export const PACKAGE_LIMITS = {
  mainBytes: 4 * 1024 * 1024,
  /** The main package limit the page announces; exceeding it warns, not fails. */
  mainAnnouncedBytes: 2 * 1024 * 1024,
  subpackageBytes: 2 * 1024 * 1024,
  totalBytes: 16 * 1024 * 1024
} as const

export const LIMITS_SOURCE =
  'https://developer.open-douyin.com/docs/resource/zh-CN/mini-app/develop/tutorial/basic-ability/subpackages/introduction'

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`
