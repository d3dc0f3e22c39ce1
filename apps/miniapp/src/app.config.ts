export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/profile/index',
    'pages/phone/index',
    'pages/device/index',
    'pages/address/index',
    'pages/subscribe/index'
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#fff',
    navigationBarTitleText: '抖音小程序工具包',
    navigationBarTextStyle: 'black'
  }
})
