using Framecast.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Operations;

/// <summary>Ready only while the data folder takes writes (a full or read-only disk would lose uploads).</summary>
public sealed class DataDirectoryHealthCheck(IOptions<FramecastOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = Path.Combine(Path.GetFullPath(options.Value.DataDirectory), $".ready-{Guid.NewGuid():N}");
        try
        {
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy("The data folder is not writable.", ex);
        }
        finally
        {
            File.Delete(probe);
        }
    }
}
