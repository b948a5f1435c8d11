using Framecast.Infrastructure.Data;

namespace Framecast.Infrastructure.Jobs;

/// <summary>
/// Wakes this node's workers when any node enqueues (a trigger on <c>jobs</c> NOTIFYs <c>framecast_jobs</c> on insert,
/// and when a fair key's running job ends); the worker's slow poll covers the moments the listener is down.
/// </summary>
public sealed class JobNotificationHandler(JobSignal signal) : IDatabaseNotificationHandler
{
    public const string ChannelName = "framecast_jobs";

    public string Channel => ChannelName;

    public Task HandleAsync(string payload, CancellationToken cancellationToken)
    {
        signal.Notify();
        return Task.CompletedTask;
    }

    public void OnListening() => signal.Notify();
}
