using System.ComponentModel.DataAnnotations;

namespace Framecast.Infrastructure.Realtime;

public sealed class RealtimeOptions
{
    public const string Section = "Realtime";

    /// <summary>
    /// StackExchange.Redis configuration (e.g. <c>redis:6379</c>) of the backplane that carries the hub's messages to
    /// every node. Unset: a single node needs none; in a fleet, viewers only hear what their own node sends.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>A client that has not taken a send in this long is dropped (it reconnects and catches up by REST).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Bytes waiting for one client before sends to it wait (then time out): what a slow client can hold of the node's memory.</summary>
    [Range(4 * 1024, 16 * 1024 * 1024)]
    public long MaxBufferBytes { get; set; } = 32 * 1024;
}
