using Framecast.Features.Comments;
using Framecast.Features.Live;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Jobs;

namespace Framecast.Features.Notifications;

/// <summary>The owners of changes (Live, Videos, Comments, Gifts) queue jobs by type name; Notifications handles them.</summary>
public static class NotificationsRegistration
{
    public static IServiceCollection AddNotificationsFeature(this IServiceCollection services)
    {
        services.AddScoped<NotificationsService>();
        services.AddScoped<NotificationWriter>();
        services.AddKeyedScoped<IJobHandler, LiveStartedNotifier>(LiveStarted.JobType);
        services.AddKeyedScoped<IJobHandler, VideoPublishedNotifier>(VideoPublished.JobType);
        services.AddKeyedScoped<IJobHandler, ReplyNotifier>(CommentReplied.JobType);
        services.AddKeyedScoped<IJobHandler, GiftReceivedNotifier>(GiftReceivedPayload.JobType);
        services.AddScoped<IVideoDeletionStep, NotificationsVideoDeletion>();
        return services;
    }
}
