using System.Collections.Concurrent;
using System.Text.Json;
using Framecast.Infrastructure.Jobs;

namespace Framecast.Tests.Infrastructure.Jobs;

/// <summary>A test job type: records every run (which host, which attempt), and fails, sleeps or blocks as its payload says.</summary>
public sealed class RecordingJobHandler(RecordingJobHandler.HostName host) : IJobHandler
{
    public const string Type = "test.record";

    public sealed record HostName(string Name);

    public sealed record Payload(string Key, int FailTimes = 0, int SleepMs = 0, bool BlockFirstRun = false);

    public sealed record Run(long JobId, int Attempt, string Host);

    public static readonly ConcurrentDictionary<string, ConcurrentQueue<Run>> Runs = new();

    public static readonly ConcurrentDictionary<string, string> GaveUp = new();

    public Task OnGaveUpAsync(JobLease job, string error, CancellationToken cancellationToken)
    {
        GaveUp[JsonSerializer.Deserialize<Payload>(job.Payload, JsonSerializerOptions.Web)!.Key] = error;
        return Task.CompletedTask;
    }

    public static IReadOnlyList<Run> RunsOf(string key) => Runs.TryGetValue(key, out var runs) ? runs.ToArray() : [];

    public async Task RunAsync(JobLease job, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Deserialize<Payload>(job.Payload, JsonSerializerOptions.Web)!;
        var runs = Runs.GetOrAdd(payload.Key, _ => new ConcurrentQueue<Run>());
        var firstRun = runs.IsEmpty;
        runs.Enqueue(new Run(job.Id, job.Attempts, host.Name));
        if (payload.BlockFirstRun && firstRun)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        if (payload.SleepMs > 0)
        {
            await Task.Delay(payload.SleepMs, cancellationToken);
        }
        if (runs.Count <= payload.FailTimes)
        {
            throw new InvalidOperationException($"boom {runs.Count}");
        }
    }
}
