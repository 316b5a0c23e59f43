// Swagger UI from the swagger-ui-bundle package, started from a file because the
// Content-Security-Policy forbids inline scripts.
window.addEventListener("DOMContentLoaded", () => {
  window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui" });
});
