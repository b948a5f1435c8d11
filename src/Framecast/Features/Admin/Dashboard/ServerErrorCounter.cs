using Dapper;
using Framecast.Infrastructure.Data;

namespace Framecast.Features.Admin.Dashboard;

/// <summary>
/// Counts HTTP 5xx answers per hour in the database, so the dashboard adds up every node's errors (an in-process
/// counter would only know its own). Outermost in the pipeline: it sees the status the error pages finally sent. The
/// row is written after the response has gone out, so a failing request is not slowed further.
/// </summary>
public sealed class ServerErrorCounter(RequestDelegate next, DbConnectionFactory connections, TimeProvider clock, ILogger<ServerErrorCounter> logger)
{
    // Probes answer 503 on purpose while a node is not ready; that is a state, not an error people met.
    private static readonly string[] Ignored = ["/healthz", "/readyz"];

    public static long HourOf(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerHour;

    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch
        {
            // The server answers 500 for what escapes the pipeline.
            Count(http);
            throw;
        }
        if (http.Response.StatusCode >= 500)
        {
            Count(http);
        }
    }

    private void Count(HttpContext http)
    {
        if (!Ignored.Any(p => http.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            http.Response.OnCompleted(RecordAsync);
        }
    }

    private async Task RecordAsync()
    {
        var hour = HourOf(clock.GetUtcNow().UtcDateTime);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var connection = await connections.OpenAsync(timeout.Token);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO http_errors_hourly (hour, errors) VALUES (@hour, 1) ON CONFLICT (hour) DO UPDATE SET errors = http_errors_hourly.errors + 1",
                new { hour }, cancellationToken: timeout.Token));
        }
        catch (Exception e)
        {
            // Often the database is why the request failed; the error itself is already logged by the pipeline.
            logger.LogWarning(e, "Could not count a server error for hour {Hour}", hour);
        }
    }
}
