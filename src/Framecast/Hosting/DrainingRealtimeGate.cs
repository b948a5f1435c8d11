using Framecast.Infrastructure.Http;

namespace Framecast.Hosting;

/// <summary>
/// While the node drains, new realtime connections are turned away: SignalR closes the open ones when stopping begins,
/// and a client reconnecting here would otherwise hold the HTTP server's shutdown to the deadline. The client's
/// reconnect retries, and reaches another node once the load balancer has taken this one out.
/// </summary>
public sealed class DrainingRealtimeGate(RequestDelegate next, NodeDrain drain)
{
    public const string Prefix = "/hubs";

    public Task InvokeAsync(HttpContext context)
    {
        if (!drain.IsDraining || !context.Request.Path.StartsWithSegments(Prefix))
        {
            return next(context);
        }
        context.Response.Headers.RetryAfter = "1";
        return Problems.Create(StatusCodes.Status503ServiceUnavailable, "server.shutting_down", "This server is shutting down; reconnect.")
            .ExecuteAsync(context);
    }
}
