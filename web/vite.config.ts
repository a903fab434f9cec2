import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is built into web/dist and served by the platform itself.
export default defineConfig({
  root: __dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // zod's sources carry annotations Rollup cannot place; the warning is noise.
      onwarn(warning, warn) {
        if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
      },
      output: {
        manualChunks: { antd: ['antd', '@ant-design/icons'], echarts: ['echarts'], react: ['react', 'react-dom', 'react-router'] },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
