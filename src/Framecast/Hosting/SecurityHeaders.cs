namespace Framecast.Hosting;

public static class SecurityHeaders
{
    /// <summary>Sent on every response.</summary>
    private static readonly IReadOnlyList<KeyValuePair<string, string>> All =
    [
        new("X-Content-Type-Options", "nosniff"),
        new("Referrer-Policy", "strict-origin-when-cross-origin"),
        new("X-Frame-Options", "SAMEORIGIN"),
    ];

    public static IApplicationBuilder UseFramecastSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            foreach (var (name, value) in All)
            {
                headers[name] = value;
            }
            return next(context);
        });
}
