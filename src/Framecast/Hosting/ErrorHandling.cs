using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Framecast.Hosting;

/// <summary>
/// Every error leaves as problem+json with a stable <c>code</c>: bad input as 400/413 with what was wrong, anything
/// unexpected as a bare 500 with a trace id (the details go to the log only).
/// </summary>
public static class ErrorHandling
{
    public static IServiceCollection AddFramecastErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            problem.Extensions.TryAdd("code", DefaultCode(status));
            problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
        });
        services.AddExceptionHandler<FramecastExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    public static string DefaultCode(int status) => status switch
    {
        400 => "request.malformed",
        401 => "auth.required",
        403 => "auth.forbidden",
        404 => "not_found",
        405 => "request.method_not_allowed",
        406 => "request.not_acceptable",
        409 => "request.conflict",
        413 => "request.too_large",
        415 => "request.unsupported_media_type",
        429 => "rate.limited",
        501 => "not_implemented",
        >= 500 => "internal",
        _ => $"http.{status}",
    };

    private sealed class FramecastExceptionHandler(IProblemDetailsService problems, ILogger<FramecastExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            var (status, title, detail) = exception switch
            {
                BadHttpRequestException { StatusCode: 413 } => (413, "Request body too large", "The request body exceeds the size limit."),
                BadHttpRequestException bad => (bad.StatusCode, "Malformed request", DescribeBadRequest(bad)),
                OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request", null),
                _ => (500, "An unexpected error occurred", null),
            };
            if (status == 500)
            {
                logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            }
            if (httpContext.Response.HasStarted || status == 499)
            {
                return status == 499;
            }
            httpContext.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = status == 500 ? null : exception,
                ProblemDetails = { Status = status, Title = title, Detail = detail },
            });
        }

        private static string DescribeBadRequest(BadHttpRequestException bad) => bad.InnerException switch
        {
            JsonException json when json.Path is { Length: > 0 } => $"Invalid JSON at {json.Path}: the value is missing, malformed or of the wrong type.",
            JsonException => "The body is not valid JSON.",
            _ => bad.Message,
        };
    }
}
