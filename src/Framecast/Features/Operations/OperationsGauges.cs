using System.Diagnostics.Metrics;
using Framecast.Infrastructure.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Framecast.Features.Operations;

/// <summary>
/// <c>framecast_jobs{type,state}</c>, the job queue (every node reads the same table, so dashboards take the max), and
/// <c>framecast_ready</c>, what <c>/readyz</c> last said.
/// </summary>
public sealed class OperationsGauges(JobCounts jobs, ReadinessGauge readiness) : IGaugeSource
{
    public void CreateGauges(Meter meter)
    {
        meter.CreateObservableGauge("framecast.jobs", () => jobs.Observe().Select(j =>
                new Measurement<long>(j.Count, new KeyValuePair<string, object?>("type", j.Type), new KeyValuePair<string, object?>("state", j.State))),
            "{job}", "Jobs queued, running or dead, by type and state (the whole cluster's queue, read at most every 5 s).");
        meter.CreateObservableGauge("framecast.ready", () => readiness.Last is { } report
                ? [new Measurement<int>(report.Status == HealthStatus.Unhealthy ? 0 : 1)]
                : Array.Empty<Measurement<int>>(),
            null, "1 when the readiness checks (as /readyz) last passed, 0 when they failed.");
    }
}
