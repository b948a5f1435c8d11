namespace Framecast.Features.Discovery;

public static class DiscoveryRegistration
{
    public static IServiceCollection AddDiscoveryFeature(this IServiceCollection services)
    {
        services.AddOptions<DiscoveryOptions>().BindConfiguration(DiscoveryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddScoped<HistoryService>()
            .AddScoped<TrendingService>()
            .AddScoped<TrendingCalculator>()
            .AddScoped<RelatedService>()
            .AddScoped<HomeRowsService>()
            .AddScoped<NextUpService>();
    }

    /// <summary>The worker role keeps the trending lists current.</summary>
    public static IServiceCollection AddDiscoveryWorkerRole(this IServiceCollection services) => services.AddHostedService<TrendingWorker>();
}
