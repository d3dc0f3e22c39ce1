/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.less'
declare module '*.scss'
declare module '*.sass'
declare module '*.styl'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro's CLI: development builds are not minified. */
    NODE_ENV: 'development' | 'production'
    /** The platform being built for (`tt` for Douyin, `h5` for the browser preview). */
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    /**
     * Douyin appid written to dist/project.config.json; overrides project.tt.json.
     * @see https://docs.taro.zone/docs/env-mode-config
     */
    TARO_APP_ID: string
    /** Base URL of the douyin-kit API, inlined at build time (default set in config/index.ts). */
    TARO_APP_API_BASE: string
  }
}
