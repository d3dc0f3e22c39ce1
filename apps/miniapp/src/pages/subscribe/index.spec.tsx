import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { clearStorage } from '../../../test/mocks/taro'
import { aLogin, aUser, fail, fakeApi, ok, requestsTo, ttLoginSucceeds } from '../../../test/fake-api'
import { session } from '../../api/session'
import Subscribe from './index'

const requestSubscribeMessage = jest.mocked(Taro.requestSubscribeMessage)

const tpl = (templateId: string, title: string, kind: 'one_time' | 'long_term') => ({
  templateId,
  title,
  kind,
  keywords: ['订单号', '状态']
})

const templates = [
  tpl('TPL_ORDER', '订单发货通知', 'one_time'),
  tpl('TPL_REFUND', '退款通知', 'one_time'),
  tpl('TPL_COUPON', '优惠券到账', 'one_time'),
  tpl('TPL_PICKUP', '取件提醒', 'one_time'),
  tpl('TPL_NEWS', '每周精选', 'long_term')
]

const state = (templateId: string, title: string, overrides = {}) => ({
  templateId,
  title,
  kind: 'one_time',
  status: 'accept',
  alwaysSubscribe: false,
  credits: 1,
  decidedAt: '2026-11-21T08:00:00.000Z',
  confirmed: false,
  ...overrides
})

const accepted = { errMsg: 'requestSubscribeMessage:ok', TPL_ORDER: 'accept' }

beforeEach(() => {
  clearStorage()
  session.clear()
  ttLoginSucceeds()
})

describe('subscribe page', () => {
  it('asks for the picked templates, posts the result and shows each state', async () => {
    requestSubscribeMessage.mockResolvedValue(accepted)
    const after = {
      subscriptions: [state('TPL_ORDER', '订单发货通知'), state('TPL_NEWS', '每周精选', { kind: 'long_term', status: 'ban', credits: 0 })]
    }
    fakeApi({
      'POST /auth/login': aLogin(aUser()),
      'GET /templates': ok({ templates }),
      'GET /me/subscriptions': [ok({ subscriptions: [] }), ok(after)],
      'POST /me/subscriptions': ok({ subscriptions: [after.subscriptions[0]] })
    })

    render(<Subscribe />)
    expect(await screen.findByText('订单发货通知')).toBeTruthy()
    expect(screen.getByText('还没有订阅记录')).toBeTruthy()

    fireEvent.click(screen.getByText('订单发货通知'))
    fireEvent.click(screen.getByText('订阅所选（1）'))

    expect(await screen.findByText('已同意 · 剩余 1 次')).toBeTruthy()
    expect(screen.getByText('已屏蔽')).toBeTruthy()
    expect(requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['TPL_ORDER'] })
    const [post] = requestsTo('POST /me/subscriptions')
    expect(post!.data).toEqual({ templateIds: ['TPL_ORDER'], requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), result: accepted })
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已更新订阅' }))
  })

  it('refuses to mix one-time and long-term templates, and to pick more than 3', async () => {
    requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok' })
    fakeApi({
      'POST /auth/login': aLogin(aUser()),
      'GET /templates': ok({ templates }),
      'GET /me/subscriptions': ok({ subscriptions: [] }),
      'POST /me/subscriptions': ok({ subscriptions: [] })
    })

    render(<Subscribe />)
    await screen.findByText('订单发货通知')

    fireEvent.click(screen.getByText('订单发货通知'))
    expect(screen.getByText('每周精选').closest('.template')?.className).toContain('template--disabled')
    fireEvent.click(screen.getByText('每周精选'))
    expect(Taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已选一次性订阅，不能同时申请长期订阅' }))

    fireEvent.click(screen.getByText('退款通知'))
    fireEvent.click(screen.getByText('优惠券到账'))
    fireEvent.click(screen.getByText('取件提醒'))
    expect(Taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '每次最多选择 3 个' }))

    fireEvent.click(screen.getByText('订阅所选（3）'))
    await waitFor(() => expect(requestsTo('POST /me/subscriptions')).toHaveLength(1))
    expect(requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['TPL_ORDER', 'TPL_REFUND', 'TPL_COUPON'] })

    // Unpicking frees the other kind again.
    await screen.findByText('请先选择消息')
    fireEvent.click(screen.getByText('每周精选'))
    expect(screen.getByText('订阅所选（1）')).toBeTruthy()
    expect(screen.getByText('订单发货通知').closest('.template')?.className).toContain('template--disabled')
  })

  it('on a stale session retries the post with the same requestId, without a second popup', async () => {
    requestSubscribeMessage.mockResolvedValue(accepted)
    fakeApi({
      'POST /auth/login': [aLogin(aUser(), 'token-1'), aLogin(aUser(), 'token-2')],
      'GET /templates': ok({ templates }),
      'GET /me/subscriptions': ok({ subscriptions: [] }),
      'POST /me/subscriptions': [fail(409, 'SESSION_KEY_STALE'), ok({ subscriptions: [state('TPL_ORDER', '订单发货通知')] })]
    })

    render(<Subscribe />)
    await screen.findByText('订单发货通知')
    fireEvent.click(screen.getByText('订单发货通知'))
    fireEvent.click(screen.getByText('订阅所选（1）'))

    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已更新订阅' })))
    const posts = requestsTo('POST /me/subscriptions')
    expect(posts).toHaveLength(2)
    expect(posts.map((p) => p.header.authorization)).toEqual(['Bearer token-1', 'Bearer token-2'])
    const [first, second] = posts.map((p) => (p.data as { requestId: string }).requestId)
    expect(second).toBe(first)
    expect(requestSubscribeMessage).toHaveBeenCalledTimes(1)
  })

  it('uses a fresh requestId for each tap, and is silent when the popup is closed', async () => {
    fakeApi({
      'POST /auth/login': aLogin(aUser()),
      'GET /templates': ok({ templates }),
      'GET /me/subscriptions': ok({ subscriptions: [] }),
      'POST /me/subscriptions': ok({ subscriptions: [] })
    })
    render(<Subscribe />)
    await screen.findByText('订单发货通知')

    requestSubscribeMessage.mockResolvedValue(accepted)
    for (let i = 0; i < 2; i++) {
      fireEvent.click(screen.getByText('订单发货通知'))
      fireEvent.click(screen.getByText('订阅所选（1）'))
      await waitFor(() => expect(requestsTo('POST /me/subscriptions')).toHaveLength(i + 1))
      await screen.findByText('请先选择消息')
    }
    const ids = requestsTo('POST /me/subscriptions').map((p) => (p.data as { requestId: string }).requestId)
    expect(ids[0]).not.toBe(ids[1])

    jest.mocked(Taro.showToast).mockClear()
    requestSubscribeMessage.mockRejectedValue({ errMsg: 'requestSubscribeMessage:fail cancel' })
    fireEvent.click(screen.getByText('订单发货通知'))
    fireEvent.click(screen.getByText('订阅所选（1）'))
    await waitFor(() => expect(requestSubscribeMessage).toHaveBeenCalledTimes(3))
    await waitFor(() => expect(screen.getByText('订阅所选（1）').closest('button')?.disabled).toBe(false))
    expect(Taro.showToast).not.toHaveBeenCalled()
    expect(requestsTo('POST /me/subscriptions')).toHaveLength(2)
  })

  it('shows loading, the empty states, and a failed list with a retry', async () => {
    fakeApi({
      'POST /auth/login': aLogin(aUser()),
      'GET /templates': [fail(500, 'INTERNAL'), ok({ templates: [] })],
      'GET /me/subscriptions': ok({ subscriptions: [] })
    })

    render(<Subscribe />)
    expect(screen.getAllByText('加载中…')).toHaveLength(2)
    expect(screen.getByText('请先选择消息').closest('button')?.disabled).toBe(true)

    expect(await screen.findByText('还没有订阅记录')).toBeTruthy()
    expect(await screen.findByText('服务开小差了，请稍后重试')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('暂无可订阅的消息')).toBeTruthy()
  })
})
