using Framecast.Infrastructure.Data;
using Npgsql;

namespace Framecast.Infrastructure.Jobs;

/// <summary>
/// LISTENs on <c>framecast_jobs</c> (a trigger on <c>jobs</c> NOTIFYs on insert) so workers on every node wake when
/// any node enqueues; the worker's slow poll covers the moments this connection is down.
/// </summary>
public sealed class PostgresJobListener(DbConnectionFactory connections, JobSignal signal, ILogger<PostgresJobListener> logger) : BackgroundService
{
    public const string Channel = "framecast_jobs";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await connections.DataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => signal.Notify();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                // Anything enqueued while we were not listening.
                signal.Notify();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Job notification listener lost its connection; reconnecting in 5 s");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
