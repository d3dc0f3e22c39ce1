// Taro's AppConfig types WeChat's key (`__usePrivacyCheck__`); Douyin reads `usePrivacyCheck`
// from app.json (base library 3.19.0+; always on for apps created after 2024-03-25). Taro copies
// keys it does not know into app.json as they are (test/build checks it).
const douyinOnly = { usePrivacyCheck: true }

export default defineAppConfig({
  ...douyinOnly,
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
    navigationBarTextStyle: 'black',
    // The host's own bar on Douyin (its default); in the H5 preview it makes Taro's router draw
    // a title bar with a back button (styled in app.css).
    navigationStyle: 'default'
  }
})
