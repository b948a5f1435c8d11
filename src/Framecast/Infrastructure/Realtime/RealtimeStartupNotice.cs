using Framecast.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace Framecast.Infrastructure.Realtime;

/// <summary>Says at start how far real-time messages reach, so a fleet without Redis is not a silent surprise.</summary>
public sealed class RealtimeStartupNotice(IOptions<RealtimeOptions> options, DatabaseProvider database, ILogger<RealtimeStartupNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.Redis))
        {
            logger.LogInformation("Real-time messages go through Redis to every node");
        }
        else if (database.IsPostgres)
        {
            // PostgreSQL is how a fleet shares state; without the backplane, chat reaches only this node's viewers.
            logger.LogWarning("Realtime:Redis is not set: chat, danmaku and live events are node-local and reach only viewers connected to this node. Set it when running several nodes.");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
