using Framecast.Features.Live.Recordings;
using Framecast.Features.Videos;

namespace Framecast.Features.Chat;

public static class ChatRegistration
{
    public static IServiceCollection AddChatFeature(this IServiceCollection services)
    {
        services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ChatRooms>();
        services.AddScoped<ChatRateLimiter>();
        services.AddScoped<ModerationService>();
        services.AddScoped<ChatGate>();
        services.AddScoped<ChatService>();
        services.AddScoped<DanmakuService>();
        services.AddScoped<ILiveRecordingStep, ChatRecordingStep>();
        services.AddScoped<IVideoDeletionStep, ChatVideoDeletion>();
        return services;
    }

    /// <summary>The <c>live</c> role: its broadcasts' rooms hear the viewer count and the end.</summary>
    public static IServiceCollection AddChatLiveRole(this IServiceCollection services) => services.AddHostedService<LiveRoomPulse>();

    public static IEndpointRouteBuilder MapChat(this IEndpointRouteBuilder app)
    {
        app.MapChatEndpoints();
        app.MapDanmakuEndpoints();
        app.MapModerationEndpoints();
        return app;
    }
}
