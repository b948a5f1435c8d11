using Framecast.Features.Live.Broadcasts;
using Framecast.Features.Live.Hls;
using Framecast.Features.Live.Recordings;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Jobs;

namespace Framecast.Features.Live;

public static class LiveRegistration
{
    public static IServiceCollection AddLiveFeature(this IServiceCollection services)
    {
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LiveSessionStore>();
        services.AddSingleton<LiveBroadcasts>();
        services.AddSingleton<LiveCutter>();
        services.AddSingleton<IDatabaseNotificationHandler>(sp => sp.GetRequiredService<LiveCutter>());
        services.AddScoped<LiveChannelService>();
        services.AddSingleton<LiveViewers>();
        services.AddSingleton<LiveThumbnails>();
        services.AddSingleton<Infrastructure.Telemetry.IGaugeSource, LiveGauges>();
        services.AddSingleton<LiveInternalUrl>();
        services.AddSingleton<LiveRelay>();
        // Relayed blocking requests hold a connection each to the holding node: no per-server cap.
        services.AddHttpClient(LiveRelay.ClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) });
        services.AddKeyedScoped<IJobHandler, LiveRecordingJob>(LiveRecordingJob.Type);
        return services;
    }

    /// <summary>Roles that answer viewers (the holding node, or any other relaying it): their viewer marks reach the database.</summary>
    public static IServiceCollection AddLiveViewing(this IServiceCollection services)
    {
        services.AddHostedService<LiveViewerFlusher>();
        return services;
    }

    /// <summary>The <c>live</c> role: the RTMP port, the transcoders, and the heartbeat of this node's broadcasts.</summary>
    public static IServiceCollection AddLiveRole(this IServiceCollection services)
    {
        services.AddSingleton<RtmpListener>();
        services.AddHostedService(sp => sp.GetRequiredService<RtmpListener>());
        services.AddHostedService<LiveHeartbeat>();
        return services;
    }
}
