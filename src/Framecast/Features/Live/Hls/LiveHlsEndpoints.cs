using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Framecast.Features.Accounts;
using Framecast.Features.Live.Broadcasts;
using Framecast.Infrastructure.Http;

namespace Framecast.Features.Live.Hls;

/// <summary>
/// A channel's broadcast as LL-HLS, from the memory of the node that holds it: the master playlist, media playlists
/// with blocking reload, init sections, parts (a preload-hinted part is held until it exists) and segments.
/// </summary>
public static partial class LiveHlsEndpoints
{
    private const string PlaylistType = "application/vnd.apple.mpegurl";
    private static readonly TimeSpan MasterWait = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapLiveHlsEndpoints(this IEndpointRouteBuilder app)
    {
        var live = app.MapGroup("/live/{username}").WithTags("Live playback");
        live.MapGet("/master.m3u8", GetMaster);
        live.MapGet("/{sessionId}/{rendition}/index.m3u8", GetMediaPlaylist);
        live.MapGet("/{sessionId}/{rendition}/{file}", GetMedia);
        return app;
    }

    private static async Task<IResult> GetMaster(string username, HttpContext http, LiveBroadcasts broadcasts, LiveViewers viewers, LiveRelay relay,
        CancellationToken cancellationToken)
    {
        AllowAnyOrigin(http);
        if (broadcasts.FindByUsername(username) is not { Status: not LiveSessionStatus.Ended } broadcast)
        {
            return await RelayAsync(http, username, null, relay, viewers, cancellationToken) ?? Offline();
        }
        if (LiveViewers.Identified(http))
        {
            MarkViewer(http, viewers, broadcast.SessionId);
        }
        LiveViewers.EnsureCookie(http);
        try
        {
            await broadcast.Planned.WaitAsync(MasterWait, cancellationToken);
            await Task.WhenAll(broadcast.Renditions.Select(r => r.FirstInit)).WaitAsync(MasterWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            http.Response.Headers.RetryAfter = "2";
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, "live.starting", "The broadcast is starting", "Its first pictures are not out of the transcoder yet.");
        }
        if (broadcast.Renditions.Count == 0)
        {
            return Offline();
        }
        http.Response.Headers.CacheControl = "no-cache";
        return Results.Text(MasterPlaylist(broadcast), PlaylistType, Encoding.UTF8);
    }

    private static async Task<IResult> GetMediaPlaylist(string username, string sessionId, string rendition, HttpContext http, LiveBroadcasts broadcasts,
        LiveViewers viewers, LiveRelay relay, CancellationToken cancellationToken)
    {
        AllowAnyOrigin(http);
        if (Find(broadcasts, username, sessionId, rendition) is not { } found)
        {
            return await RelayAsync(http, username, sessionId, relay, viewers, cancellationToken) ?? Offline();
        }
        var (broadcast, target) = found;
        // Players reload their media playlist every part or segment: whoever does is watching now.
        MarkViewer(http, viewers, broadcast.SessionId);
        var query = http.Request.Query;
        long? msn = null;
        int? part = null;
        if (query.TryGetValue("_HLS_msn", out var msnText))
        {
            if (!long.TryParse(msnText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return BadBlockingRequest("_HLS_msn must be a media sequence number.");
            }
            msn = parsed;
        }
        if (query.TryGetValue("_HLS_part", out var partText))
        {
            if (msn is null)
            {
                return BadBlockingRequest("_HLS_part needs _HLS_msn.");
            }
            if (!int.TryParse(partText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return BadBlockingRequest("_HLS_part must be a part index.");
            }
            part = parsed;
        }
        if (msn is { } wantedMsn)
        {
            switch (target.CheckBlocking(wantedMsn, part))
            {
                case BlockingVerdict.BadRequest:
                    return BadBlockingRequest("That segment or part is further ahead of the live edge than a blocking request may ask.");
                // While the broadcaster reconnects the playlist is answered as it is: players keep reloading it
                // calmly instead of counting 503s towards giving up.
                case BlockingVerdict.Wait when !await target.WaitUntilAsync(() => target.CheckBlocking(wantedMsn, part) != BlockingVerdict.Wait,
                    target.Timing.BlockingTimeout, cancellationToken) && broadcast.Status != LiveSessionStatus.Reconnecting:
                    http.Response.Headers.RetryAfter = "1";
                    return Problems.Create(StatusCodes.Status503ServiceUnavailable, "live.stalled", "The broadcast did not reach that part in time");
            }
        }
        http.Response.Headers.CacheControl = "no-cache";
        var text = target.RenderPlaylist() + LlHlsPlaylistWriter.RenditionReports(broadcast.Renditions.Where(r => r != target));
        return Results.Text(text, PlaylistType, Encoding.UTF8);
    }

    private static async Task<IResult> GetMedia(string username, string sessionId, string rendition, string file, HttpContext http, LiveBroadcasts broadcasts,
        LiveRelay relay, CancellationToken cancellationToken)
    {
        AllowAnyOrigin(http);
        var name = MediaName().Match(file);
        if (!name.Success || !long.TryParse(name.Groups["n"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return NotFound();
        }
        if (Find(broadcasts, username, sessionId, rendition) is not { } found)
        {
            return await RelayAsync(http, username, sessionId, relay, null, cancellationToken) ?? NotFound();
        }
        var target = found.Rendition;
        switch (name.Groups["kind"].Value)
        {
            case "init" when name.Groups["ext"].Value == "mp4" && number <= int.MaxValue && target.FindInit((int)number) is { } init:
                return Media(http, init);
            case "part" when name.Groups["ext"].Value == "m4s":
                var part = target.FindPart(number);
                if (part is null && target.IsUpcomingPart(number))
                {
                    // A preload hint: answered the moment the part exists.
                    await target.WaitUntilAsync(() => target.FindPart(number) is not null || target.Ended, target.Timing.BlockingTimeout, cancellationToken);
                    part = target.FindPart(number);
                }
                return part is null ? NotFound() : Media(http, part.Bytes);
            case "seg" when name.Groups["ext"].Value == "m4s" && target.FindSegment(number) is { } parts:
                return Media(http, Concat(parts));
            default:
                return NotFound();
        }
    }

    private static string MasterPlaylist(Broadcast broadcast)
    {
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:9\n");
        foreach (var (rung, rendition) in broadcast.Rungs.Zip(broadcast.Renditions))
        {
            if (rendition.Init is not { } init)
            {
                continue;
            }
            var video = init.Video;
            var audioKbps = init.Tracks.Any(t => !t.IsVideo) ? 160 : 0;
            // Declared or configured rates, else (a source whose encoder says nothing) what arrives; 10 % above for peaks.
            var kbps = rung.VideoKbps > 0 ? rung.VideoKbps + audioKbps : broadcast.Health.Snapshot().BitrateKbps ?? 6000;
            var bandwidth = (long)(kbps * 1000 * 1.1);
            text.Append("#EXT-X-STREAM-INF:BANDWIDTH=").Append(bandwidth.ToString(CultureInfo.InvariantCulture));
            if (video is { Width: > 0, Height: > 0 })
            {
                text.Append(",RESOLUTION=").Append(video.Width).Append('x').Append(video.Height);
            }
            if (init.Codecs.Length > 0)
            {
                text.Append(",CODECS=\"").Append(init.Codecs).Append('"');
            }
            text.Append('\n').Append(broadcast.SessionId).Append('/').Append(rendition.Name).Append("/index.m3u8\n");
        }
        return text.ToString();
    }

    /// <summary>Another node holds the channel's broadcast: its answer, relayed; null when nobody does.</summary>
    private static async Task<IResult?> RelayAsync(HttpContext http, string username, string? sessionId, LiveRelay relay, LiveViewers? viewers,
        CancellationToken cancellationToken)
    {
        if (http.Request.Headers.ContainsKey(LiveRelay.RelayHeader) || UsernameRules.Normalize(username) is null
            || await relay.FindRemoteAsync(username, cancellationToken) is not { } remote || (sessionId is not null && sessionId != remote.Id))
        {
            return null;
        }
        if (viewers is not null)
        {
            if (sessionId is not null || LiveViewers.Identified(http))
            {
                viewers.Seen(remote.Id, http);
            }
            LiveViewers.EnsureCookie(http);
        }
        await relay.ForwardAsync(http, remote, cancellationToken);
        return Results.Empty;
    }

    // A relayed request's viewer is counted by the relay that took it.
    private static void MarkViewer(HttpContext http, LiveViewers viewers, string sessionId)
    {
        if (!http.Request.Headers.ContainsKey(LiveRelay.RelayHeader))
        {
            viewers.Seen(sessionId, http);
        }
    }

    private static (Broadcast Broadcast, LiveRendition Rendition)? Find(LiveBroadcasts broadcasts, string username, string sessionId, string rendition)
    {
        if (!Ids.IsValid(sessionId) || broadcasts.FindByUsername(username) is not { } broadcast || broadcast.SessionId != sessionId)
        {
            return null;
        }
        return broadcast.Renditions.FirstOrDefault(r => r.Name == rendition) is { } found ? (broadcast, found) : null;
    }

    private static byte[] Concat(IReadOnlyList<LivePart> parts)
    {
        var bytes = new byte[parts.Sum(p => p.Bytes.Length)];
        var at = 0;
        foreach (var part in parts)
        {
            part.Bytes.CopyTo(bytes, at);
            at += part.Bytes.Length;
        }
        return bytes;
    }

    private static IResult Media(HttpContext http, byte[] bytes)
    {
        // Names are never reused within a broadcast, and the broadcast's id is in the path.
        http.Response.Headers.CacheControl = "public, max-age=86400, immutable";
        return Results.Bytes(bytes, "video/mp4");
    }

    // Live streams are public: any page may play them (no credentials are involved).
    private static void AllowAnyOrigin(HttpContext http) => http.Response.Headers.AccessControlAllowOrigin = "*";

    private static IResult Offline() => Problems.NotFound("live.offline", "The channel is not live");

    private static IResult NotFound() => Problems.NotFound("live.not_found", "No such part of the broadcast");

    private static IResult BadBlockingRequest(string detail) =>
        Problems.Create(StatusCodes.Status400BadRequest, "live.bad_blocking_request", "Bad blocking playlist request", detail);

    [GeneratedRegex("^(?<kind>init|part|seg)(?<n>[0-9]{1,18})\\.(?<ext>mp4|m4s)$")]
    private static partial Regex MediaName();
}
