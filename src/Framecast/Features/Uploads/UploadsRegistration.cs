using Framecast.Features.Videos;

namespace Framecast.Features.Uploads;

public static class UploadsRegistration
{
    public static IServiceCollection AddUploadsFeature(this IServiceCollection services)
    {
        services.AddOptions<UploadsOptions>().BindConfiguration(UploadsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UploadStaging>();
        services.AddScoped<UploadsService>();
        services.AddScoped<UploadWriters>();
        services.AddScoped<UploadAppender>();
        services.AddScoped<SimpleUploadService>();
        services.AddScoped<IVideoDeletionStep, UploadsVideoDeletion>();
        return services;
    }
}
