using System.Diagnostics.Metrics;
using Framecast.Features.Live.Broadcasts;
using Framecast.Infrastructure.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Framecast.Features.Operations;

/// <summary>
/// The gauges read from state when metrics are collected, on the same <c>Framecast</c> meter as
/// <see cref="FramecastMetrics"/>: the job queue by type and state (every node reports the same table, so dashboards
/// take the max), this node's live broadcasts and their viewers, and readiness. Created once, at start-up.
/// </summary>
public sealed class StateGauges
{
    public StateGauges(FramecastMetrics metrics, JobCounts jobs, LiveBroadcasts broadcasts, LiveViewers viewers, ReadinessGauge readiness)
    {
        var meter = metrics.Meter;
        meter.CreateObservableGauge("framecast.jobs", () => jobs.Observe().Select(j =>
                new Measurement<long>(j.Count, new KeyValuePair<string, object?>("type", j.Type), new KeyValuePair<string, object?>("state", j.State))),
            "{job}", "Jobs queued, running or dead, by type and state (the whole cluster's queue, read at most every 5 s).");
        meter.CreateObservableGauge("framecast.live.broadcasts", () => broadcasts.Open.Count,
            "{broadcast}", "Live broadcasts held by this node.");
        meter.CreateObservableGauge("framecast.live.viewers", () => ViewersOf(broadcasts, viewers),
            "{viewer}", "Viewers of this node's live broadcasts, as last counted by its heartbeat.");
        meter.CreateObservableGauge("framecast.ready", () => readiness.Last is { } report ? [new Measurement<int>(report.Status == HealthStatus.Unhealthy ? 0 : 1)] : Array.Empty<Measurement<int>>(),
            null, "1 when the readiness checks (as /readyz) last passed, 0 when they failed.");
    }

    private static long ViewersOf(LiveBroadcasts broadcasts, LiveViewers viewers)
    {
        var counts = viewers.LastCounts;
        return broadcasts.Open.Sum(b => (long)counts.GetValueOrDefault(b.SessionId));
    }
}
