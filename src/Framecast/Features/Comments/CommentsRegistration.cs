using Framecast.Features.Videos;

namespace Framecast.Features.Comments;

public static class CommentsRegistration
{
    public static IServiceCollection AddCommentsFeature(this IServiceCollection services) =>
        services.AddScoped<CommentsService>()
            .AddScoped<IVideoDeletionStep, CommentsVideoDeletion>();
}
