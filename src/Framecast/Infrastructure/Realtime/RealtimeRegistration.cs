using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Framecast.Infrastructure.Realtime;

/// <summary>SignalR for the real-time features: JSON and MessagePack, bounded per client, through Redis across nodes.</summary>
public static class RealtimeRegistration
{
    /// <summary>Client-to-server messages are small (a chat line); anything bigger is refused by SignalR itself.</summary>
    public const long MaxReceiveBytes = 8 * 1024;

    public static IServiceCollection AddFramecastRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RealtimeOptions>().BindConfiguration(RealtimeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var signalR = services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = MaxReceiveBytes;
                o.MaximumParallelInvocationsPerClient = 1;
                o.EnableDetailedErrors = false;
            })
            .AddJsonProtocol(o =>
            {
                o.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
                o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            })
            .AddMessagePackProtocol();
        var redis = configuration[$"{RealtimeOptions.Section}:Redis"];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("framecast"));
        }
        services.AddHostedService<RealtimeStartupNotice>();
        return services;
    }

    /// <summary>Maps <typeparamref name="THub"/> on WebSockets, with the per-client limits that keep a slow client from costing memory.</summary>
    public static HubEndpointConventionBuilder MapFramecastHub<THub>(this IEndpointRouteBuilder app, string pattern) where THub : Hub
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<RealtimeOptions>>().Value;
        return app.MapHub<THub>(pattern, o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.TransportSendTimeout = options.SendTimeout;
            o.TransportMaxBufferSize = options.MaxBufferBytes;
            o.ApplicationMaxBufferSize = MaxReceiveBytes * 4;
        });
    }
}
