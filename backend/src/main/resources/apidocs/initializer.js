// Starts Swagger UI on the documents listed in config.json, keeping those this backend serves
// (a contract not deployed yet would only show a load error in the selector).
(async () => {
  const config = await (await fetch('./config.json')).json();
  const served = [];
  for (const doc of config.urls) {
    try {
      if ((await fetch(doc.url)).ok) served.push(doc);
    } catch (e) {
      // unreachable: leave it out of the selector
    }
  }
  const urls = served.length > 0 ? served : config.urls;
  window.ui = SwaggerUIBundle({
    urls,
    'urls.primaryName': urls[0].name,
    dom_id: '#swagger-ui',
    deepLinking: true,
    displayRequestDuration: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
  });
})();
