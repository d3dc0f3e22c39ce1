import { routes } from '@douyin-kit/contracts'
import { apiRequest } from './client'

export type ApiStatus = 'checking' | 'up' | 'down'

/** Calls the API's `GET /health`; anything but a 200 whose body matches the contract is "down". */
export async function checkApiHealth(): Promise<Exclude<ApiStatus, 'checking'>> {
  try {
    await apiRequest(routes.health.live, { timeout: 5000 })
    return 'up'
  } catch {
    return 'down'
  }
}
