using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Playback;

/// <summary>
/// Concurrent in-flight media responses, globally and per client address, from the framework's concurrency limiters
/// with no queue: past either limit the answer is 429 at once; a slot comes back when the response ends, including
/// when the client goes away mid-body.
/// </summary>
public sealed class MediaLimits : IDisposable
{
    private const string NotMedia = "";
    private const string Media = "media";

    private readonly PartitionedRateLimiter<string> perAddress;
    private readonly PartitionedRateLimiter<string> global;

    public MediaLimits(IOptions<PlaybackOptions> options)
    {
        var playback = options.Value;
        perAddress = PartitionedRateLimiter.Create<string, string>(address => address == NotMedia
            ? RateLimitPartition.GetNoLimiter(NotMedia)
            : RateLimitPartition.GetConcurrencyLimiter(address, _ => new ConcurrencyLimiterOptions { PermitLimit = playback.MaxConnectionsPerIp, QueueLimit = 0 }));
        global = PartitionedRateLimiter.Create<string, string>(key => key == NotMedia
            ? RateLimitPartition.GetNoLimiter(NotMedia)
            : RateLimitPartition.GetConcurrencyLimiter(Media, _ => new ConcurrencyLimiterOptions { PermitLimit = playback.MaxConnections, QueueLimit = 0 }));
    }

    /// <summary>The limiter for the rate-limiting middleware: media requests only, keyed by the client's address.</summary>
    public PartitionedRateLimiter<HttpContext> ForRequests() => PartitionedRateLimiter.CreateChained(
        perAddress.WithTranslatedKey<HttpContext>(http => IsMedia(http) ? Address(http) : NotMedia, leaveOpen: true),
        global.WithTranslatedKey<HttpContext>(http => IsMedia(http) ? Media : NotMedia, leaveOpen: true));

    public void Dispose()
    {
        perAddress.Dispose();
        global.Dispose();
    }

    private static bool IsMedia(HttpContext http) => http.Request.Path.StartsWithSegments("/media");

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
