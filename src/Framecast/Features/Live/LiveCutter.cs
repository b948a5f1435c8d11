using Framecast.Features.Live.Broadcasts;
using Framecast.Infrastructure.Data;

namespace Framecast.Features.Live;

/// <summary>Ends a channel's broadcast wherever it runs: here at once, and on other nodes through a notification.</summary>
public sealed class LiveCutter(LiveBroadcasts broadcasts, DatabaseNotifications notifications) : IDatabaseNotificationHandler
{
    public string Channel => "framecast_live_cut";

    /// <summary>True when this node held the broadcast (other nodes learn of it without answering).</summary>
    public async Task<bool> CutAsync(string userId, CancellationToken cancellationToken)
    {
        var here = await broadcasts.CutAsync(userId);
        await notifications.PublishAsync(Channel, userId, cancellationToken);
        return here;
    }

    public Task HandleAsync(string payload, CancellationToken cancellationToken) => broadcasts.CutAsync(payload);

    public void OnListening()
    {
        // A cut missed while disconnected: the key check refuses the old key anyway, and the publisher's broadcast
        // on that node keeps its status; the owner can end it again.
    }
}
