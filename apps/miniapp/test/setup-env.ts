// Stands in for the value Taro inlines at build time (see config/index.ts).
process.env.TARO_APP_API_BASE = 'http://api.test'
