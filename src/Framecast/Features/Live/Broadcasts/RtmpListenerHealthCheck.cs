using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Framecast.Features.Live.Broadcasts;

/// <summary>A <c>live</c> node is not ready while its RTMP port could not be opened (taken by something else, say).</summary>
public sealed class RtmpListenerHealthCheck(RtmpListener listener) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(listener.Failure is { } failure ? HealthCheckResult.Unhealthy(failure) : HealthCheckResult.Healthy());
}
