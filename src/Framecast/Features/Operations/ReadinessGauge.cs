using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Framecast.Features.Operations;

/// <summary>
/// Keeps the last result of the readiness checks (the framework's health check publisher runs them periodically), so
/// <c>framecast_ready</c> tells an alert what <c>/readyz</c> would say without each scrape running the checks.
/// </summary>
public sealed class ReadinessGauge : IHealthCheckPublisher
{
    private HealthReport? _last;

    public HealthReport? Last => Volatile.Read(ref _last);

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _last, report);
        return Task.CompletedTask;
    }
}
