// `import "server-only"` for scripts run with tsx (tsconfig.scripts.json maps it here): a
// script is server code by definition. Next bundles and vitest resolve the guard themselves.
export {};
