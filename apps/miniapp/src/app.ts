import { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { session } from './api/session'
import { installPrivacyGate } from './platform'

import './app.css'

function App({ children }: PropsWithChildren) {
  // Log in silently at launch, whatever page opens first: getPhoneNumber needs a login made
  // before the tap. Failures are shown by the pages, which join or retry this login.
  useLaunch(() => {
    // Before any page can call a privacy API: the kit's popup answers the host's privacy requests.
    installPrivacyGate()
    session.ensureLogin().catch(() => undefined)
  })

  // `children` is the page being rendered.
  return children
}

export default App
