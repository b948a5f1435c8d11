using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Framecast.Infrastructure.Media;

/// <summary>
/// Healthy when this ffmpeg build has the encoders Framecast uses (libx264, aac). Runs <c>ffmpeg -encoders</c> once and
/// remembers the answer: the binary does not change while we run.
/// </summary>
public sealed class EncoderCheck(IFfmpegRunner runner) : IHealthCheck
{
    public static readonly IReadOnlyList<string> Required = ["libx264", "aac"];

    private readonly SemaphoreSlim gate = new(1, 1);
    private HealthCheckResult? cached;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return cached ??= await ProbeAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Encoder names from <c>ffmpeg -encoders</c>: lines like <c> V....D libx264   libx264 H.264 …</c> after the <c>------</c> rule.</summary>
    public static IReadOnlySet<string> ParseEncoders(string stdout) =>
        stdout.Split('\n')
            .SkipWhile(l => !l.TrimStart().StartsWith("------", StringComparison.Ordinal))
            .Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length >= 2)
            .Select(parts => parts[1])
            .ToHashSet(StringComparer.Ordinal);

    private async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        FfmpegResult result;
        try
        {
            result = await runner.RunAsync(FfmpegCommand.Ffmpeg(["-encoders"], withProgress: false), progress: null, cancellationToken);
        }
        catch (Exception ex) when (ex is FfmpegException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("ffmpeg could not be run; install Debian's ffmpeg package.", ex);
        }
        var available = ParseEncoders(result.Stdout);
        var missing = Required.Where(e => !available.Contains(e)).ToList();
        var data = Required.ToDictionary(e => e, e => (object)available.Contains(e));
        return missing.Count == 0
            ? HealthCheckResult.Healthy("ffmpeg has libx264 and aac.", data)
            : HealthCheckResult.Unhealthy($"ffmpeg lacks {string.Join(", ", missing)}; install Debian's ffmpeg package.", data: data);
    }
}
