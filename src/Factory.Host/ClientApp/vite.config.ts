import { defineConfig } from "vite";

// The host serves the build from its wwwroot; `npm run dev` proxies the API and hub to a running host.
export default defineConfig({
  base: "/",
  build: {
    outDir: "../wwwroot",
    emptyOutDir: true,
    // Stable names: the host's build tracks these files, and hashed names would change the file set on every build.
    rollupOptions: {
      // @microsoft/signalr ships /*#__PURE__*/ comments in places Rollup ignores; harmless noise.
      onwarn(warning, warn) {
        if (warning.code === "INVALID_ANNOTATION" && warning.id?.includes("@microsoft/signalr")) return;
        warn(warning);
      },
      output: {
        entryFileNames: "assets/[name].js",
        chunkFileNames: "assets/[name].js",
        assetFileNames: "assets/[name][extname]",
      },
    },
    sourcemap: false,
  },
  server: {
    proxy: {
      "/api": "http://localhost:5000",
      "/hubs": { target: "http://localhost:5000", ws: true },
    },
  },
});
