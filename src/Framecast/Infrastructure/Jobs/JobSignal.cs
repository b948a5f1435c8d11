using System.Threading.Channels;

namespace Framecast.Infrastructure.Jobs;

/// <summary>Wakes idle workers in this process when a job is enqueued (or, on PostgreSQL, NOTIFY arrives from another node).</summary>
public sealed class JobSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>
    /// Completes when signalled, when <paramref name="timeout"/> passes or when <paramref name="cancellationToken"/> is
    /// cancelled; never throws. A cancelled wait consumes no signal.
    /// </summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await _channel.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // Timed out or abandoned by the caller: either way the caller claims (or stops) next.
        }
    }
}
