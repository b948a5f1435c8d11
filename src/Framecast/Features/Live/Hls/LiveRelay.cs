using Framecast.Features.Live.Broadcasts;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Framecast.Features.Live.Hls;

/// <summary>
/// Lets any node answer a broadcast's viewers: a request for a broadcast held by another node is passed to that node
/// (its <see cref="LiveSession.NodeUrl"/>) and its answer streamed back as it comes, blocking requests included, so a
/// relayed viewer waits no longer than the holding node makes it wait.
/// </summary>
public sealed class LiveRelay(IServiceScopeFactory scopes, IHttpClientFactory clients, LiveSessionStore store, IMemoryCache cache, ILogger<LiveRelay> logger)
{
    public const string ClientName = "live-relay";

    /// <summary>Marks a relayed request, so the holding node leaves the viewer to the relay that counts them.</summary>
    public const string RelayHeader = "X-Framecast-Relay";

    private static readonly TimeSpan Remember = TimeSpan.FromSeconds(1);
    private static readonly string[] CopiedHeaders = ["Content-Type", "Cache-Control", "Retry-After", "Access-Control-Allow-Origin"];

    /// <summary>The channel's broadcast when another node holds it (looked up at most once a second per channel and node).</summary>
    public async Task<LiveSession?> FindRemoteAsync(string username, CancellationToken cancellationToken)
    {
        var key = ("live-relay", username.ToLowerInvariant());
        if (cache.TryGetValue(key, out LiveSession? known))
        {
            return known;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FramecastDbContext>();
        var lower = username.ToLowerInvariant();
        var session = await db.Set<LiveSession>().AsNoTracking()
            .Where(s => s.Status != LiveSessionStatus.Ended && s.Node != store.Node && s.NodeUrl != null)
            .Join(db.Users.Where(u => u.Username == lower), s => s.UserId, u => u.Id, (s, _) => s)
            .OrderByDescending(s => s.StartedAt).FirstOrDefaultAsync(cancellationToken);
        cache.Set(key, session, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Remember, Size = 1 });
        return session;
    }

    /// <summary>Passes this request (its path and query, nothing else) to the holding node and streams the answer back.</summary>
    public async Task ForwardAsync(HttpContext http, LiveSession session, CancellationToken cancellationToken)
    {
        var target = new Uri(session.NodeUrl + http.Request.Path.ToUriComponent() + http.Request.QueryString.ToUriComponent());
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        request.Headers.Add(RelayHeader, "1");
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            http.Response.StatusCode = (int)response.StatusCode;
            foreach (var name in CopiedHeaders)
            {
                if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
                {
                    http.Response.Headers[name] = values.ToArray();
                }
            }
            if (response.Content.Headers.ContentLength is { } length)
            {
                http.Response.ContentLength = length;
            }
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            await body.CopyToAsync(http.Response.Body, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested && !http.Response.HasStarted)
        {
            // The holding node is gone, unreachable or too slow (the client's timeout): its session ends once its heartbeat goes stale.
            logger.LogWarning("Relaying {Path} to {Node} failed: {Error}", http.Request.Path, session.NodeUrl, e.Message);
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = "2";
            http.Response.ContentType = "application/problem+json";
            await http.Response.WriteAsJsonAsync(new { status = 503, title = "The node holding the broadcast cannot be reached", code = "live.unreachable" },
                cancellationToken);
        }
    }
}
