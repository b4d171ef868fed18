import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The backend serves the build at /console/ (http.ConsoleSite): hashed files under assets/ are
// cached for a year, index.html is revalidated. Maven passes --outDir (the backend's classes).
export default defineConfig({
  base: '/console/',
  plugins: [vue()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    // ant-design-vue and echarts are large; they are split into their own chunks below
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      output: {
        manualChunks: {
          antd: ['ant-design-vue', '@ant-design/icons-vue'],
          echarts: ['echarts/core', 'echarts/charts', 'echarts/components', 'echarts/renderers'],
        },
      },
    },
  },
  // `npm run dev`: the API of a backend started with --demo on 8080
  server: { proxy: { '/api': 'http://localhost:8080' } },
})
