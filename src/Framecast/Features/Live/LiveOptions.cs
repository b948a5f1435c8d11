using System.ComponentModel.DataAnnotations;
using System.Net;
using Framecast.Features.Live.Hls;
using Framecast.Infrastructure.Media;

namespace Framecast.Features.Live;

public sealed class LiveOptions : IValidatableObject
{
    public const string Section = "Live";

    public static readonly IReadOnlyList<string> DefaultLadder = ["1080p", "720p", "480p", "360p"];

    /// <summary>Where the RTMP listener binds (the <c>live</c> role); loopback by default, like the HTTP default; port 0 takes any free port.</summary>
    public string RtmpListen { get; set; } = "127.0.0.1:1935";

    /// <summary>The server URL shown to broadcasters (OBS "Server"); derived from the request's host when empty.</summary>
    public string? PublicRtmpUrl { get; set; }

    /// <summary>
    /// How other nodes reach this one over HTTP to relay the broadcasts it holds to their viewers (e.g.
    /// <c>http://10.0.0.5:8080</c>); by default the first address Kestrel listens on, with a wildcard host read as loopback.
    /// </summary>
    [Url]
    public string? InternalUrl { get; set; }

    /// <summary>
    /// This node's name on its broadcasts' rows; by default the machine's name and the RTMP address. Keep it stable
    /// across restarts (and unique in a fleet): a restarted node ends the broadcasts its previous life left open.
    /// </summary>
    [MaxLength(200)]
    public string? NodeName { get; set; }

    /// <summary>Broadcasts this node transcodes at once; one more publisher is refused with the reason.</summary>
    [Range(1, 1000)]
    public int MaxBroadcasts { get; set; } = 8;

    /// <summary>RTMP connections open at once on this node (publishers plus anything still in its handshake).</summary>
    [Range(1, 100_000)]
    public int MaxConnections { get; set; } = 256;

    /// <summary>RTMP connections one address may keep open at once (so one client cannot fill <see cref="MaxConnections"/>).</summary>
    [Range(1, 100_000)]
    public int MaxConnectionsPerIp { get; set; } = 16;

    /// <summary>A connection must finish its handshake and start publishing within this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A publisher that sends nothing for this long is dropped (and may reconnect within the window).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A publisher that comes back with the same key within this continues the same broadcast.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ReconnectWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Renditions under the source, from <see cref="LadderRung.Known"/>. The source itself is passed through, not
    /// encoded, when it is H.264 no larger than the first rung; a bigger source is encoded down to the rungs instead.
    /// </summary>
    public string[]? Ladder { get; set; }

    /// <summary>x264 preset of the live renditions: speed matters more than size here.</summary>
    public string Preset { get; set; } = "veryfast";

    /// <summary>Length of a part (an fMP4 fragment); LL-HLS wants 0.2–0.33 s.</summary>
    [Range(0.1, 1.0)]
    public double PartSeconds { get; set; } = 0.2;

    /// <summary>EXT-X-TARGETDURATION; segments are whole GOPs between 1 s and this.</summary>
    [Range(1, 10)]
    public int TargetDurationSeconds { get; set; } = 2;

    /// <summary>Complete segments each rendition keeps in memory and in its playlist.</summary>
    [Range(3, 60)]
    public int WindowSegments { get; set; } = 8;

    public IReadOnlyList<LadderRung> ResolveLadder() =>
        [.. (Ladder is { Length: > 0 } ? Ladder : DefaultLadder).Select(name => LadderRung.Find(name) ?? throw new InvalidOperationException($"Unknown rendition '{name}' in Live:Ladder"))];

    /// <summary>The packaging of a stream at <paramref name="frameRate"/> (0 when unknown).</summary>
    public LiveHlsTiming Timing(double frameRate) => new(PartSeconds, TargetDurationSeconds, Math.Min(1, TargetDurationSeconds), WindowSegments, frameRate);

    public IPEndPoint RtmpEndPoint => IPEndPoint.Parse(RtmpListen);

    /// <summary>The server URL for broadcasters: <see cref="PublicRtmpUrl"/>, else the host they reached us on with the RTMP port (the bound one when known).</summary>
    public string RtmpUrlFor(string requestHost, int? boundPort) => PublicRtmpUrl ?? $"rtmp://{requestHost}:{boundPort ?? RtmpEndPoint.Port}/live";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPEndPoint.TryParse(RtmpListen, out _) || !RtmpListen.Contains(':'))
        {
            yield return new ValidationResult($"'{RtmpListen}' is not an address and port such as 127.0.0.1:1935 or 0.0.0.0:1935.", [nameof(RtmpListen)]);
        }
        foreach (var name in (Ladder ?? []).Where(n => LadderRung.Find(n ?? "") is null))
        {
            yield return new ValidationResult(
                $"Unknown rendition '{name}'; use {string.Join(", ", LadderRung.Known.Select(r => r.Name))}.", [nameof(Ladder)]);
        }
    }
}
