using System.Net;

namespace Framecast.Infrastructure.Http.FastPath;

/// <summary>How the fast path runs; set by the feature that supplies the <see cref="IFastResponder"/>.</summary>
public sealed class FastPathOptions
{
    public bool Enabled { get; set; }

    /// <summary>Event-loop threads, each with its own epoll set sharing the listening socket.</summary>
    public int Loops { get; set; } = Math.Clamp(Environment.ProcessorCount, 1, 8);

    /// <summary>
    /// A connection that has sent part of a request head, or whose request waits for the responder, this long goes to
    /// Kestrel, whose header timeout and 400s then apply (a slowloris client is Kestrel's to judge).
    /// </summary>
    public TimeSpan IdleHandOff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A kept-alive connection with nothing sent on it this long is closed, as Kestrel closes its own (Limits.KeepAliveTimeout).</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(130);

    /// <summary>A response that sends fewer bytes per second than this over <see cref="RateWindow"/> is aborted (Kestrel's MinResponseDataRate).</summary>
    public double MinSendBytesPerSecond { get; set; } = 240;

    public TimeSpan RateWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Peers whose forwarding headers count (Network:KnownProxies): their requests go to Kestrel's forwarded-headers middleware.</summary>
    public IReadOnlyCollection<IPAddress> TrustedProxies { get; set; } = [];
}
