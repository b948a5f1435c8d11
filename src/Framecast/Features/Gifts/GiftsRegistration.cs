namespace Framecast.Features.Gifts;

public static class GiftsRegistration
{
    public static IServiceCollection AddGiftsFeature(this IServiceCollection services)
    {
        services.AddOptions<GiftsOptions>().BindConfiguration(GiftsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<GiftCatalog>();
        services.AddScoped<GiftSender>();
        services.AddScoped<GiftHistory>();
        return services;
    }

    public static IEndpointRouteBuilder MapGifts(this IEndpointRouteBuilder app)
    {
        app.MapGiftsEndpoints();
        app.MapGiftsAdminEndpoints();
        return app;
    }
}
