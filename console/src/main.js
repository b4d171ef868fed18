import { createApp } from 'vue'
import Antd from 'ant-design-vue'
import 'ant-design-vue/dist/reset.css'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import App from './App.vue'
import { router } from './router.js'
import { restoreSession } from './auth/session.js'
import './shared/console.css'

dayjs.locale('zh-cn')

// the session is checked against /auth/me before the first route is resolved, so a page never
// renders for a token the server no longer accepts
restoreSession().finally(() => {
  createApp(App).use(Antd).use(router).mount('#app')
})
