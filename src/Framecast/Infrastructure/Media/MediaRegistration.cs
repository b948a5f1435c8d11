using Framecast.Infrastructure.Media.Encoders;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Framecast.Infrastructure.Media;

public static class MediaRegistration
{
    /// <summary>The ffmpeg runner, probe client, planners and command builders, and <c>Processing</c> options.</summary>
    public static IServiceCollection AddFramecastMedia(this IServiceCollection services)
    {
        services.AddOptions<ProcessingOptions>().BindConfiguration(ProcessingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IFfmpegRunner, FfmpegRunner>();
        services.AddSingleton<FfprobeClient>();
        services.AddSingleton<IVideoEncoder, SoftwareEncoder>();
        services.AddSingleton<LadderPlanner>();
        services.AddSingleton<HlsLadderCommandBuilder>();
        services.AddSingleton<RemuxCommandBuilder>();
        services.AddSingleton<ThumbnailCommandBuilder>();
        services.AddSingleton<StoryboardCommandBuilder>();
        services.AddSingleton<EncoderCheck>();
        return services;
    }
}
