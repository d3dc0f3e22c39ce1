import { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { session } from './api/session'

import './app.css'

function App({ children }: PropsWithChildren) {
  // Log in silently at launch, whatever page opens first: getPhoneNumber needs a login made
  // before the tap. Failures are shown by the pages, which join or retry this login.
  useLaunch(() => {
    session.ensureLogin().catch(() => undefined)
  })

  // `children` is the page being rendered.
  return children
}

export default App
