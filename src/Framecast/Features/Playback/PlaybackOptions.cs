using System.ComponentModel.DataAnnotations;

namespace Framecast.Features.Playback;

public sealed class PlaybackOptions
{
    public const string Section = "Playback";

    /// <summary>Media responses in flight at once on this node; past it, 429.</summary>
    [Range(1, 1_000_000)]
    public int MaxConnections { get; set; } = 10_000;

    /// <summary>Media responses in flight at once for one client address; past it, 429.</summary>
    [Range(1, 100_000)]
    public int MaxConnectionsPerIp { get; set; } = 64;

    /// <summary>HMAC key for private-video tokens; when empty one is generated once and kept in the data folder.</summary>
    public string? SigningKey { get; set; }

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// Serve <c>/media/{id}/original</c> to everyone who may watch the video. Off (the default): the owner and admins
    /// only, because an upload may carry its author's GPS position and device (viewers get stripped renditions).
    /// </summary>
    public bool PublicOriginals { get; set; }

    /// <summary>
    /// A media response whose client accepts no bytes for this long is dropped and its slot given back (nginx's
    /// <c>send_timeout</c>, whose default this is). A paused player re-asks with a range when it needs more.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Origins allowed to load media cross-site (an embedded player); empty means same origin only.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}
