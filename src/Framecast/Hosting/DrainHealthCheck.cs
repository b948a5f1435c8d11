using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Framecast.Hosting;

/// <summary>Not ready from the moment the node drains, so a load balancer sends it nothing new while it finishes.</summary>
public sealed class DrainHealthCheck(NodeDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.IsDraining
            ? HealthCheckResult.Unhealthy("This node is shutting down.")
            : HealthCheckResult.Healthy());
}
