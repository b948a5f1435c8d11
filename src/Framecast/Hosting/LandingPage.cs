namespace Framecast.Hosting;

/// <summary>
/// Until the web pages capability lands, <c>/</c> says honestly what this build serves rather than pretending to be
/// the site.
/// </summary>
public static class LandingPage
{
    private const string Html = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Framecast</title></head>
        <body>
        <main>
        <h1>Framecast</h1>
        <p>This server is running. The web pages are not built yet; the HTTP API is available.</p>
        <ul>
          <li><a href="/docs">API documentation</a></li>
          <li><a href="/openapi/v1.json">OpenAPI document</a></li>
          <li><a href="/readyz">Readiness</a></li>
        </ul>
        </main>
        </body>
        </html>
        """;

    public static IResult Render() => TypedResults.Content(Html, "text/html; charset=utf-8");
}
