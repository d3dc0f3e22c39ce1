/** What each page does and the privacy item it needs (README "Privacy": the items to declare). */
export interface Capability {
  title: string
  url: string
  summary: string
  /** The privacy agreement item the page's API needs, or null when it needs none. */
  privacyItem: string | null
}

export const CAPABILITIES: readonly Capability[] = [
  {
    title: '个人资料',
    url: '/pages/profile/index',
    summary: '获取你的抖音头像和昵称，在小程序里展示你的身份。',
    privacyItem: '用户头像、昵称'
  },
  {
    title: '手机号',
    url: '/pages/phone/index',
    summary: '一键授权绑定手机号，完整号码只保存在服务端。',
    privacyItem: '手机号'
  },
  {
    title: '设备信息',
    url: '/pages/device/index',
    summary: '上报机型和系统版本，方便排查你遇到的问题。',
    privacyItem: null
  },
  {
    title: '地址与位置',
    url: '/pages/address/index',
    summary: '从抖音选择收货地址，或记录你当前的位置。',
    privacyItem: '通讯地址、地理位置'
  },
  {
    title: '订阅消息',
    url: '/pages/subscribe/index',
    summary: '选择想收到的通知，比如服务进度提醒。',
    privacyItem: null
  }
]
