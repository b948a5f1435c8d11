namespace Framecast.Hosting;

public static class SecurityHeaders
{
    public static IApplicationBuilder UseFramecastSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "SAMEORIGIN";
            return next(context);
        });
}
