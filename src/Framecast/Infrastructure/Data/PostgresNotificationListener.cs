using Npgsql;

namespace Framecast.Infrastructure.Data;

/// <summary>
/// One connection that LISTENs on every registered handler's channel and hands each NOTIFY to its handler, so what one
/// node changes reaches every node (job wake-ups, cache invalidation). Reconnects after a lost connection.
/// </summary>
public sealed class PostgresNotificationListener(
    DbConnectionFactory connections,
    IEnumerable<IDatabaseNotificationHandler> handlers,
    ILogger<PostgresNotificationListener> logger) : BackgroundService
{
    private readonly Dictionary<string, IDatabaseNotificationHandler[]> _byChannel =
        handlers.GroupBy(h => h.Channel).ToDictionary(g => g.Key, g => g.ToArray());

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once every channel is listened to (the first time).</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await connections.DataSource.OpenConnectionAsync(stoppingToken);
                // Raised inside WaitAsync; handled after it returns, so handlers can be awaited.
                var arrived = new Queue<(string Channel, string Payload)>();
                connection.Notification += (_, e) => arrived.Enqueue((e.Channel, e.Payload));
                foreach (var channel in _byChannel.Keys)
                {
                    await using var listen = new NpgsqlCommand($"LISTEN {channel}", connection);
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                foreach (var handler in _byChannel.Values.SelectMany(h => h))
                {
                    handler.OnListening();
                }
                _listening.TrySetResult();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                    while (arrived.TryDequeue(out var notification))
                    {
                        await DispatchAsync(notification.Channel, notification.Payload, stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "The database notification listener lost its connection; reconnecting in 5 s");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task DispatchAsync(string channel, string payload, CancellationToken cancellationToken)
    {
        foreach (var handler in _byChannel.GetValueOrDefault(channel) ?? [])
        {
            try
            {
                await handler.HandleAsync(payload, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One handler's failure must not stop the others or the listener; its cache or wake-up falls back to expiry or polling.
                logger.LogError(ex, "Handling a notification on {Channel} failed", channel);
            }
        }
    }
}
