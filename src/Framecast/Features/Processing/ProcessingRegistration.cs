using Framecast.Features.Videos;
using Framecast.Infrastructure.Jobs;
using Framecast.Infrastructure.Media;

namespace Framecast.Features.Processing;

public static class ProcessingRegistration
{
    public static IServiceCollection AddProcessingFeature(this IServiceCollection services)
    {
        services.AddFramecastMedia();
        services.AddSingleton<MediaCommandBuilders>();
        services.AddSingleton<MediaCommands>();
        services.AddScoped<MediaPipeline>();
        services.AddScoped<VideoPipelineState>();
        services.AddKeyedScoped<IJobHandler, VideoProcessingJob>(VideoProcessingJob.Type);
        services.AddSingleton<IVideoProcessingQueue, VideoProcessingQueue>();
        services.AddScoped<WatermarkService>();
        return services;
    }
}
