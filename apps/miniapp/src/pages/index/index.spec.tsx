import { render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Index from './index'

const request = jest.mocked(Taro.request)

function respond(statusCode: number, data: unknown) {
  request.mockResolvedValue({ statusCode, data, header: {}, cookies: [], errMsg: 'request:ok' } as never)
}

describe('index page', () => {
  it('shows the title and 服务正常 when /health answers with a valid body', async () => {
    respond(200, { status: 'ok', uptimeSeconds: 42 })

    render(<Index />)

    expect(screen.getByText('抖音小程序工具包')).toBeTruthy()
    expect(await screen.findByText('服务正常')).toBeTruthy()
    expect(request).toHaveBeenCalledWith(expect.objectContaining({ url: 'http://api.test/health', method: 'GET' }))
  })

  it('shows 服务不可用 when /health answers with a body that breaks the contract', async () => {
    respond(200, { status: 'ok', uptimeSeconds: -1 })

    render(<Index />)

    expect(await screen.findByText('服务不可用')).toBeTruthy()
  })

  it('shows 服务不可用 when the request fails', async () => {
    request.mockRejectedValue({ errMsg: 'request:fail timeout' })

    render(<Index />)

    expect(await screen.findByText('服务不可用')).toBeTruthy()
  })
})
