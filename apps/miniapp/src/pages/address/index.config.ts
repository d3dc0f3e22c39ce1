export default definePageConfig({
  navigationBarTitleText: '地址与位置'
})
