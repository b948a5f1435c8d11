using Microsoft.AspNetCore.Http.Features;

namespace Framecast.Features.Web;

/// <summary>The <c>web</c> role: server-rendered pages over the same services as the API.</summary>
public static class WebRegistration
{
    public static IServiceCollection AddWebRole(this IServiceCollection services)
    {
        services.AddRazorPages(o => o.RootDirectory = "/Features/Web/Pages");
        return services;
    }

    private static readonly string[] NonPagePrefixes = ["/api", "/media", "/docs", "/openapi", "/healthz", "/readyz", "/metrics", "/css", "/js", "/lib"];

    /// <summary>Requests a person's browser makes for a page, as opposed to API, media and asset requests.</summary>
    public static bool IsPageRequest(HttpContext http)
    {
        // The raw target too: Kestrel resolves dot segments, so /media/%2e%2e/x arrives as the path /x.
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        return !NonPagePrefixes.Any(p => http.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)
            || raw.StartsWith(p + "/", StringComparison.OrdinalIgnoreCase));
    }

    // Scripts only from our own origin (no inline script anywhere); media may come from blob: URLs (hls.js uses
    // Media Source Extensions); no plugins, no framing by other sites.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; " +
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    /// <summary>Static assets, and for page requests a CSP and HTML error pages (everything else keeps problem+json).</summary>
    public static void UseWebPages(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        app.UseWhen(IsPageRequest, page =>
        {
            page.Use((http, next) =>
            {
                http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                return next(http);
            });
            page.UseExceptionHandler("/status/500");
            page.UseStatusCodePagesWithReExecute("/status/{0}");
        });
    }

    public static WebApplication MapWebPages(this WebApplication app)
    {
        app.MapRazorPages();
        // Unknown paths are a bare 404, which the status pages turn into the 404 page (page paths) or problem+json.
        // GET and HEAD only, so a wrong method on an API route stays a 405.
        app.MapFallback(http =>
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }).WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head])).ExcludeFromDescription();
        return app;
    }
}
