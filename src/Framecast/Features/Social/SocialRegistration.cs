namespace Framecast.Features.Social;

public static class SocialRegistration
{
    public static IServiceCollection AddSocialFeature(this IServiceCollection services) =>
        services.AddScoped<LikesService>()
            .AddScoped<FollowsService>()
            .AddScoped<FeedService>();
}
