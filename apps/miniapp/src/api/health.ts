import Taro from '@tarojs/taro'
import { ZHealthResponse } from '@douyin-kit/contracts'

export type ApiStatus = 'checking' | 'up' | 'down'

const API_BASE = process.env.TARO_APP_API_BASE

/** Calls the API's `GET /health`; anything but a 200 whose body matches the contract is "down". */
export async function checkApiHealth(): Promise<Exclude<ApiStatus, 'checking'>> {
  try {
    const res = await Taro.request({ url: `${API_BASE}/health`, method: 'GET', timeout: 5000 })
    return res.statusCode === 200 && ZHealthResponse.safeParse(res.data).success ? 'up' : 'down'
  } catch {
    return 'down'
  }
}
