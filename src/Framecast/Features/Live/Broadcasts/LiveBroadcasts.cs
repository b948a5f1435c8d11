using Framecast.Infrastructure.Http;
using Framecast.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Live.Broadcasts;

/// <summary>
/// The broadcasts this node holds, by channel: who may publish (a known key, one publisher per channel, the node's
/// cap), resuming a reconnecting broadcast, cutting one, and keeping their rows current. An ended broadcast lingers a
/// little so players read its EXT-X-ENDLIST, unless the channel starts a new one.
/// </summary>
public sealed class LiveBroadcasts(IOptions<LiveOptions> options, LiveSessionStore store, IBlobStore blobs, LiveInternalUrl internalUrl, TimeProvider clock, ILoggerFactory loggers)
{
    private static readonly TimeSpan EndedLinger = TimeSpan.FromSeconds(30);
    private const string AlreadyLive = "This channel is already live from another connection: stop that one first, or end the broadcast in your studio.";
    private readonly Dictionary<string, Broadcast> _byUser = [];
    private readonly Lock _gate = new();
    private readonly ILogger _logger = loggers.CreateLogger<LiveBroadcasts>();

    /// <summary>The port the RTMP listener got, once it listens on this node (it may have asked for any free port).</summary>
    public int? RtmpPort { get; set; }

    /// <summary>Raised on this node once a broadcast it holds has ended (its row saved), with the session id.</summary>
    public event Action<string>? BroadcastEnded;

    public Broadcast? FindByUsername(string username)
    {
        lock (_gate)
        {
            return _byUser.Values.FirstOrDefault(b => string.Equals(b.Username, username, StringComparison.OrdinalIgnoreCase));
        }
    }

    public Broadcast? FindByUser(string userId)
    {
        lock (_gate)
        {
            return _byUser.GetValueOrDefault(userId);
        }
    }

    /// <summary>
    /// The session's status as fresh as this node knows it: the node holding the broadcast knows a change a moment before
    /// the row does, and every view of it (API and pages) says the same.
    /// </summary>
    public LiveSessionStatus StatusOf(LiveSession session) =>
        FindByUser(session.UserId) is { } here && here.SessionId == session.Id ? here.ReportedStatus : session.Status;

    public IReadOnlyList<Broadcast> Open
    {
        get
        {
            lock (_gate)
            {
                return [.. _byUser.Values.Where(b => b.Status != LiveSessionStatus.Ended)];
            }
        }
    }

    /// <summary>
    /// Lets <paramref name="publisher"/> publish with <paramref name="streamKey"/>: the channel's broadcast (new, or
    /// the reconnecting one), or the reason it may not, for NetStream.Publish.BadName and the studio.
    /// </summary>
    public async Task<(Broadcast? Broadcast, string? Refusal)> AttachAsync(string streamKey, CancellationTokenSource publisher, CancellationToken cancellationToken)
    {
        var channel = await store.FindChannelByKeyAsync(streamKey, cancellationToken);
        if (channel is null)
        {
            return (null, "Unknown stream key: copy the current key from your studio (a rotated key stops working at once).");
        }
        var (broadcast, refusal) = await AttachToChannelAsync(channel, publisher, cancellationToken);
        if (refusal is not null)
        {
            // The broadcaster's encoder shows little; the studio says why.
            await store.RecordRefusalAsync(channel.UserId, refusal, cancellationToken);
        }
        return (broadcast, refusal);
    }

    private async Task<(Broadcast? Broadcast, string? Refusal)> AttachToChannelAsync(LiveChannel channel, CancellationTokenSource publisher, CancellationToken cancellationToken)
    {
        Broadcast? resumed;
        lock (_gate)
        {
            resumed = _byUser.GetValueOrDefault(channel.UserId) is { Status: not LiveSessionStatus.Ended } open ? open : null;
            if (resumed is not null)
            {
                return resumed.TryAttach(publisher) ? (resumed, null) : (null, AlreadyLive);
            }
            if (_byUser.Values.Count(b => b.Status != LiveSessionStatus.Ended) >= options.Value.MaxBroadcasts)
            {
                return (null, $"This server is at its limit of {options.Value.MaxBroadcasts} live broadcasts; try again later.");
            }
        }
        if (await store.LiveElsewhereAsync(channel.UserId, cancellationToken))
        {
            return (null, AlreadyLive);
        }
        var username = await store.UsernameAsync(channel.UserId, cancellationToken);
        var broadcast = new Broadcast(Ids.New(), channel.UserId, username, options.Value, blobs, clock, loggers.CreateLogger<Broadcast>());
        broadcast.TryAttach(publisher);
        lock (_gate)
        {
            if (_byUser.GetValueOrDefault(channel.UserId) is { Status: not LiveSessionStatus.Ended })
            {
                // Another connection with the same key got here first.
                return (null, AlreadyLive);
            }
            _byUser[channel.UserId] = broadcast;
        }
        broadcast.StatusChanged += OnStatusChangedAsync;
        await store.CreateAsync(new LiveSession
        {
            Id = broadcast.SessionId,
            UserId = channel.UserId,
            Status = LiveSessionStatus.Live,
            Title = channel.Title,
            Description = channel.Description,
            Tags = channel.Tags,
            Record = channel.Record,
            Node = store.Node,
            NodeUrl = internalUrl.Value,
            StartedAt = broadcast.StartedAt.UtcDateTime,
            HeartbeatAt = broadcast.StartedAt.UtcDateTime,
        }, cancellationToken);
        _logger.LogInformation("Broadcast {SessionId} of {Username} started", broadcast.SessionId, username);
        return (broadcast, null);
    }

    /// <summary>Ends the channel's broadcast on this node now, cutting its publisher; false when it has none here.</summary>
    public async Task<bool> CutAsync(string userId)
    {
        var broadcast = FindByUser(userId);
        if (broadcast is null || broadcast.Status == LiveSessionStatus.Ended)
        {
            return false;
        }
        await broadcast.CutAsync();
        return true;
    }

    public async Task CutAllAsync()
    {
        foreach (var broadcast in Open)
        {
            await broadcast.CutAsync();
        }
    }

    private async Task OnStatusChangedAsync(Broadcast broadcast)
    {
        await store.SetStatusAsync(broadcast.SessionId, broadcast.Status, broadcast.Health.Disconnects, CancellationToken.None);
        _logger.LogInformation("Broadcast {SessionId} of {Username} is {Status}", broadcast.SessionId, broadcast.Username, broadcast.Status);
        // A change raised just before the end (reconnecting) can be saved after it and read the status as ended too.
        if (broadcast.Status == LiveSessionStatus.Ended && broadcast.TryClaimEndAnnouncement())
        {
            BroadcastEnded?.Invoke(broadcast.SessionId);
            _ = ForgetLaterAsync(broadcast);
        }
    }

    private async Task ForgetLaterAsync(Broadcast broadcast)
    {
        await Task.Delay(EndedLinger, clock);
        lock (_gate)
        {
            if (_byUser.GetValueOrDefault(broadcast.UserId) == broadcast)
            {
                _byUser.Remove(broadcast.UserId);
            }
        }
    }
}
