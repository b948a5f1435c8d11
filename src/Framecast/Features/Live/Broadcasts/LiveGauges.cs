using System.Diagnostics.Metrics;
using Framecast.Infrastructure.Telemetry;

namespace Framecast.Features.Live.Broadcasts;

/// <summary><c>framecast_live_broadcasts</c> and <c>framecast_live_viewers</c>: this node's broadcasts and their viewers as its heartbeat last counted them.</summary>
public sealed class LiveGauges(LiveBroadcasts broadcasts, LiveViewers viewers) : IGaugeSource
{
    public void CreateGauges(Meter meter)
    {
        meter.CreateObservableGauge("framecast.live.broadcasts", () => broadcasts.Open.Count, "{broadcast}", "Live broadcasts held by this node.");
        meter.CreateObservableGauge("framecast.live.viewers", () =>
        {
            var counts = viewers.LastCounts;
            return broadcasts.Open.Sum(b => (long)counts.GetValueOrDefault(b.SessionId));
        }, "{viewer}", "Viewers of this node's live broadcasts, as last counted by its heartbeat.");
    }
}
