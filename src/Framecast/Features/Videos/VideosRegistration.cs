using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Jobs;

namespace Framecast.Features.Videos;

public static class VideosRegistration
{
    public static IServiceCollection AddVideosFeature(this IServiceCollection services)
    {
        services.AddScoped<VideosService>();
        services.AddScoped<VideoIntake>();
        services.AddSingleton<VideoCaches>();
        services.AddSingleton<IDatabaseNotificationHandler, VideoChangeHandler>();
        services.AddScoped<VideoResponses>();
        services.AddScoped<ViewCounter>();
        services.AddScoped<VideoPublication>();
        services.AddKeyedScoped<IJobHandler, VideoDeletionJob>(VideoDeletionJob.Type);
        return services;
    }
}
