using System.Text.Json;

namespace Framecast.Infrastructure.Audit;

/// <summary>
/// Records every admin request that changed something and succeeded (any method but GET/HEAD, a 2xx answer), with
/// the request's body fields as detail. On the admin route groups (<see cref="AdminRoutes"/>), so no admin endpoint,
/// whichever feature maps it, can forget. The entry is written after the action; if that write fails the request
/// fails loudly (a 500 after the change) rather than going unrecorded silently.
/// </summary>
public sealed class AuditFilter(AuditLog audit) : IEndpointFilter
{
    private static readonly string[] TargetRouteValues = ["username", "id"];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || !Succeeded(result, http))
        {
            return result;
        }
        var endpoint = http.GetEndpoint();
        var audited = endpoint?.Metadata.GetMetadata<Audited>();
        var routeValues = http.Request.RouteValues;
        var targetKey = audited?.TargetRouteValue ?? TargetRouteValues.FirstOrDefault(routeValues.ContainsKey);
        var targetId = targetKey is not null && routeValues.TryGetValue(targetKey, out var value) ? value?.ToString() ?? "" : "";
        var action = audited?.Action ?? $"{http.Request.Method} {(endpoint as RouteEndpoint)?.RoutePattern.RawText}";
        await audit.RecordAsync(http.User, http.Connection.RemoteIpAddress?.ToString(), action, audited?.TargetType ?? "", targetId,
            Detail(context.Arguments), CancellationToken.None);
        return result;
    }

    private static bool Succeeded(object? result, HttpContext http)
    {
        // Results<…> unions wrap the real result.
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }
        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? http.Response.StatusCode;
        return status is >= 200 and < 300;
    }

    /// <summary>The request bodies among the handler's arguments (records named <c>…Request</c>).</summary>
    private static string Detail(IList<object?> arguments)
    {
        var bodies = arguments.Where(a => a is not null && a.GetType().Name.EndsWith("Request", StringComparison.Ordinal)).ToList();
        return bodies.Count switch
        {
            0 => "{}",
            1 => JsonSerializer.Serialize(bodies[0], bodies[0]!.GetType(), JsonSerializerOptions.Web),
            _ => JsonSerializer.Serialize(bodies, JsonSerializerOptions.Web),
        };
    }
}
