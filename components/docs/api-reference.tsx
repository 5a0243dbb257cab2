"use client";

import "swagger-ui-dist/swagger-ui.css";
import { useEffect, useRef } from "react";

/**
 * The OpenAPI document rendered by Swagger UI, from the npm package bundled with the app
 * (swagger-ui-dist): no CDN, so the reference works on a server without internet access.
 * Loaded in the browser only (it needs the DOM), after the page itself.
 */
export function ApiReference({ url }: { url: string }) {
  const node = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    void import("swagger-ui-dist/swagger-ui-bundle.js").then(({ default: SwaggerUIBundle }) => {
      if (cancelled || !node.current) return;
      SwaggerUIBundle({
        url,
        domNode: node.current,
        deepLinking: true,
        docExpansion: "none",
        defaultModelsExpandDepth: 0,
        // Calls go to this server with the key the reader enters under "Authorize".
        tryItOutEnabled: false,
        persistAuthorization: false,
      });
    });
    return () => {
      cancelled = true;
    };
  }, [url]);
  return <div ref={node} data-testid="api-reference" className="swagger-ui-host" />;
}
